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

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
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
