//! The terminal: entered once, given back on every way out (quit, error,
//! panic, signal, a dead connection), and written one frame at a time.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, execute, terminal};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen, bracketed paste; no mouse capture (it
/// breaks text selection) and no queries (they can hang over SSH).
pub fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), terminal::EnterAlternateScreen, event::EnableBracketedPaste, cursor::Hide)
}

/// Gives the terminal back. Safe to call more than once, from anywhere.
pub fn leave() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), event::DisableBracketedPaste, terminal::LeaveAlternateScreen, cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// Restores the terminal before the panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// Collects a frame and sends it in one write, wrapped in DEC 2026
/// synchronized-update marks so the terminal never shows half a frame.
pub struct FrameWriter {
    buf: Vec<u8>,
    /// Bytes sent so far, for the byte-count benchmark.
    pub sent: usize,
    out: Box<dyn Write + Send>,
}

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

impl FrameWriter {
    pub fn new(out: Box<dyn Write + Send>) -> Self {
        FrameWriter { buf: Vec::with_capacity(64 * 1024), sent: 0, out }
    }

    /// Sends what was collected, if anything, as one synchronized write.
    pub fn commit(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut frame = Vec::with_capacity(self.buf.len() + 16);
        frame.extend_from_slice(BEGIN_SYNC);
        frame.append(&mut self.buf);
        frame.extend_from_slice(END_SYNC);
        self.sent += frame.len();
        self.out.write_all(&frame)?;
        self.out.flush()
    }
}

impl Write for FrameWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    /// Held until `commit`, so a frame is never split.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether the terminal on stdin has hung up (SSH dropped, pty master closed).
pub fn hung_up() -> bool {
    let mut fds = libc::pollfd { fd: libc::STDIN_FILENO, events: 0, revents: 0 };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&raw mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
