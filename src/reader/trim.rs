//! Memory given back after a load. A load builds a whole corpus and index
//! beside the ones shown, on threads, and glibc's allocator keeps what they
//! free in its per-thread arenas: without this, a reader that reloads after
//! edits stays at its high-water mark (docs/PERFORMANCE.md, "One copy per
//! host"). So once the old corpus and index are gone, the free pages of
//! every arena go back to the system (`malloc_trim`), and the reader keeps
//! to two arenas, so what a load leaves is spread over fewer of them.

use std::time::{Duration, Instant};

/// Long enough for the search thread of the old index to end and drop it.
const AFTER: Duration = Duration::from_millis(200);

/// A trim due once the old corpus and index are dropped.
#[derive(Debug, Default)]
pub struct Trim {
    due: Option<Instant>,
}

impl Trim {
    /// A load has handed over: trim a moment from now.
    pub fn soon(&mut self) {
        self.due = Some(Instant::now() + AFTER);
    }

    /// Trims when it is due.
    pub fn poll(&mut self) {
        if self.due.is_some_and(|due| Instant::now() >= due) {
            self.due = None;
            release();
        }
    }
}

/// At most this many arenas: one per core on this project's 2-core machine.
/// One alone costs a load 1.3x its time (its threads wait on one lock).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ARENAS: libc::c_int = 2;

/// Keeps the allocator to [`ARENAS`] arenas; before any thread is started.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets one of glibc's malloc parameters; no pointer.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release() {
    // SAFETY: malloc_trim only returns free pages; it takes each arena's lock.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators give memory back as they see fit.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release() {}
