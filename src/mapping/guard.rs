//! A mapped file cut short under us (truncated in place) makes reading its
//! lost pages raise SIGBUS, which would stop the program. This handler
//! puts a page of zeros where such a page was, for the mappings brief made
//! ([`watch`]), and lets the read go on: the text there reads as NULs, and
//! the next load, finding the file changed, reads the folder again. Any
//! other SIGBUS is left to the default action.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Mappings watched at once: a reader maps its snapshot and its search cache.
const SLOTS: usize = 32;

static STARTS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static LENS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static INSTALL: Once = Once::new();
/// Set when a page was put in place of one cut from a file.
static CUT: AtomicBool = AtomicBool::new(false);

/// Whether a mapped file was cut short under us since last asked: what was
/// read from it is no longer what it held, so the folder should be read again.
pub fn take_cut() -> bool {
    CUT.swap(false, Ordering::AcqRel)
}

/// Watches the mapping at `start`, `len` bytes long. With every slot taken it
/// is not watched: a cut file then stops the program, as before.
pub fn watch(start: usize, len: usize) {
    INSTALL.call_once(install);
    for (s, l) in STARTS.iter().zip(&LENS) {
        if s.compare_exchange(0, start, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            l.store(len, Ordering::Release);
            return;
        }
    }
}

/// Stops watching the mapping at `start`, before it is unmapped.
pub fn forget(start: usize) {
    for (s, l) in STARTS.iter().zip(&LENS) {
        if s.load(Ordering::Acquire) == start {
            l.store(0, Ordering::Release);
            s.store(0, Ordering::Release);
        }
    }
}

fn install() {
    // SAFETY: sets a handler that only reads atomics and calls mmap and
    // sigaction, both async-signal-safe system calls.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_sigbus as *const () as usize;
        action.sa_flags = libc::SA_SIGINFO;
        libc::sigemptyset(&raw mut action.sa_mask);
        libc::sigaction(libc::SIGBUS, &raw const action, std::ptr::null_mut());
    }
}

extern "C" fn on_sigbus(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo_t with SA_SIGINFO.
    let addr = unsafe { (*info).si_addr() } as usize;
    let watched = STARTS.iter().zip(&LENS).any(|(s, l)| {
        let (s, l) = (s.load(Ordering::Acquire), l.load(Ordering::Acquire));
        s != 0 && addr >= s && addr < s + l
    });
    // SAFETY: sysconf and mmap are async-signal-safe. The page replaced lies
    // inside a mapping of ours, read-only, which nothing else uses.
    unsafe {
        if watched {
            let page = libc::sysconf(libc::_SC_PAGESIZE) as usize;
            let at = addr & !(page - 1);
            let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED;
            if libc::mmap(at as *mut libc::c_void, page, libc::PROT_READ, flags, -1, 0) != libc::MAP_FAILED {
                CUT.store(true, Ordering::Release);
                return;
            }
        }
        // Not ours (or no page to put there): the default action, as if no handler were set.
        libc::signal(libc::SIGBUS, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Mapping;
    use std::io::Write as _;

    #[test]
    fn a_mapped_file_cut_short_under_us_reads_as_zeros_and_stops_nothing() {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let path = dir.path().join("snap.bin");
        let mut f = std::fs::File::create(&path).expect("create");
        f.write_all(&vec![b'a'; 3 * 4096]).expect("write");
        let file = std::fs::File::open(&path).expect("open");
        let map = Mapping::of(&file).expect("map");
        assert_eq!(map.bytes()[5000], b'a');
        // Cut in place, as no brief ever does, while it is mapped.
        f.set_len(4096).expect("truncate");
        assert_eq!(map.bytes()[0], b'a', "the page still in the file is as it was");
        assert_eq!(map.bytes()[5000], 0, "a page cut from the file reads as zero");
        assert_eq!(map.bytes()[3 * 4096 - 1], 0);
        assert!(super::take_cut(), "the cut is told, once");
        assert!(!super::take_cut());
    }
}
