//! A file mapped read-only into memory: the kernel keeps one copy of its
//! pages for every process that maps it, so readers of one folder share the
//! snapshot's text instead of each holding its own (docs/PERFORMANCE.md,
//! "One copy per host").
//!
//! The bytes are untrusted and may change under us if someone writes the
//! file in place (brief never does: it writes a new file and renames it in).
//! So nothing read from a mapping is believed once and used unchecked
//! afterwards: [`crate::model::Text`] checks its range and its UTF-8 on every
//! use, and a mapping whose file is cut short under it reads as zeros rather
//! than stopping the program ([`guard`]).

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;

mod guard;

pub use guard::take_cut;

/// A whole file, mapped read-only and private.
pub struct Mapping {
    ptr: *const u8,
    len: usize,
}

// SAFETY: the mapping is read-only and owned; sharing a pointer to it between
// threads is as safe as sharing a `&[u8]`.
unsafe impl Send for Mapping {}
// SAFETY: as above.
unsafe impl Sync for Mapping {}

impl Mapping {
    /// Maps `file` whole, as it is now.
    pub fn of(file: &File) -> io::Result<Mapping> {
        let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
        if len == 0 {
            return Ok(Mapping { ptr: std::ptr::NonNull::dangling().as_ptr(), len: 0 });
        }
        // SAFETY: a fresh read-only private mapping of a file we hold open;
        // the kernel picks the address. Checked for failure below.
        let ptr =
            unsafe { libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, file.as_raw_fd(), 0) };
        if ptr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        guard::watch(ptr as usize, len);
        Ok(Mapping { ptr: ptr.cast(), len })
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `ptr` is a live mapping of `len` readable bytes (or dangling
        // with `len` 0) until `drop`; pages cut from the file read as zeros.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// `len` bytes from `at`, when the mapping holds them.
    pub fn get(&self, at: usize, len: usize) -> Option<&[u8]> {
        self.bytes().get(at..at.checked_add(len)?)
    }

    /// The same, when they are UTF-8 now: what every read of mapped text
    /// goes through, since the file's bytes may change under us.
    pub fn str(&self, at: usize, len: usize) -> Option<&str> {
        std::str::from_utf8(self.get(at, len)?).ok()
    }

    /// Lets the kernel take back the pages read so far: they stay in the
    /// page cache, one copy for every reader of the file, and are read from
    /// there again when next used, but no longer count in this process's
    /// memory. For a file read whole, to check it or to index it, and
    /// otherwise only here and there.
    pub fn release(&self) {
        if self.len > 0 {
            // SAFETY: a live mapping of `len` bytes from `ptr` (page-aligned,
            // from mmap), read-only and never written: dropping its pages loses
            // nothing.
            unsafe { libc::madvise(self.ptr.cast_mut().cast(), self.len, libc::MADV_DONTNEED) };
        }
    }

    /// [`Mapping::release`] for the pages wholly within `len` bytes from
    /// `at`: for a part copied out, never read here again.
    pub fn release_range(&self, at: usize, len: usize) {
        let page = page();
        let (start, end) = (at.next_multiple_of(page), at.saturating_add(len).min(self.len) / page * page);
        if start < end {
            // SAFETY: `start..end` lies within the live mapping and starts on a
            // page; its pages are read-only and never written: dropping them
            // loses nothing.
            unsafe { libc::madvise(self.ptr.add(start).cast_mut().cast(), end - start, libc::MADV_DONTNEED) };
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The size of a page of memory.
fn page() -> usize {
    // SAFETY: sysconf has no preconditions.
    usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096).max(1)
}

impl Drop for Mapping {
    fn drop(&mut self) {
        if self.len > 0 {
            guard::forget(self.ptr as usize);
            // SAFETY: unmaps exactly what `of` mapped; nothing borrows it any more.
            unsafe {
                libc::munmap(self.ptr.cast_mut().cast(), self.len);
            }
        }
    }
}

impl std::fmt::Debug for Mapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mapping({} bytes)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read as _, Seek as _, SeekFrom, Write as _};

    /// Which of `map`'s pages this process has mapped now (bit 63 of each
    /// page's entry in /proc/self/pagemap).
    fn present(map: &Mapping) -> Vec<bool> {
        let mut f = File::open("/proc/self/pagemap").expect("pagemap");
        f.seek(SeekFrom::Start((map.bytes().as_ptr() as usize / page() * 8) as u64)).expect("seek");
        let mut buf = vec![0u8; map.len() / page() * 8];
        f.read_exact(&mut buf).expect("read pagemap");
        buf.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")) >> 63 == 1).collect()
    }

    #[test]
    fn pages_given_back_are_no_longer_mapped_here_and_read_the_same_again() {
        let page = page();
        let data: Vec<u8> = (0..16 * page).map(|i| (i % 251) as u8).collect();
        let mut file = tempfile::tempfile().expect("a temp file");
        file.write_all(&data).expect("write");
        let map = Mapping::of(&file).expect("map");
        assert_eq!(map.bytes(), &data[..]);
        assert_eq!(present(&map), [true; 16], "every page read, every page mapped");
        // A part copied out, not on page boundaries: only the pages wholly inside it go.
        map.release_range(page + 100, 4 * page);
        let gone: Vec<usize> = present(&map).iter().enumerate().filter(|(_, p)| !**p).map(|(i, _)| i).collect();
        assert_eq!(gone, [2, 3, 4]);
        map.release();
        assert_eq!(present(&map), [false; 16]);
        assert_eq!(map.bytes(), &data[..], "read again from the page cache");
    }
}
