//! A pseudo-terminal for one child: the child gets the slave as its
//! controlling terminal, the caller keeps the master. Shared by the e2e
//! tests and `benches/reader.rs`.

use std::ffi::OsStr;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Dropping it kills the child's whole session, so a failed test leaves nothing behind.
pub struct Pty {
    master: Option<OwnedFd>,
    pub child: Child,
}

/// Opens a `cols`x`rows` pty and spawns `program` on it, in a new session.
pub fn spawn(program: &OsStr, args: &[&OsStr], env: &[(&str, &str)], cols: u16, rows: u16) -> io::Result<Pty> {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: two out-pointers to ints and a valid winsize; no name buffer.
    let rc = unsafe {
        libc::openpty(&raw mut master, &raw mut slave, std::ptr::null_mut(), std::ptr::null(), &raw const size)
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: openpty just returned these two fresh descriptors; each is owned once.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    set_cloexec(&master)?;
    let mut cmd = Command::new(program);
    cmd.args(args).env_clear().envs(env.iter().copied());
    cmd.stdin(Stdio::from(slave.try_clone()?)).stdout(Stdio::from(slave.try_clone()?)).stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn()?;
    Ok(Pty { master: Some(master), child })
}

fn set_cloexec(fd: &OwnedFd) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor we own.
    let rc = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    if rc < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

impl Pty {
    /// Closes the master side, as a terminal window closing or SSH dropping does.
    pub fn hang_up(&mut self) {
        self.master = None;
    }

    fn fd(&self) -> i32 {
        self.master.as_ref().map_or(-1, AsRawFd::as_raw_fd)
    }

    /// Types `bytes` as the terminal's keyboard would.
    pub fn write(&self, bytes: &[u8]) -> io::Result<()> {
        // SAFETY: writing from a buffer of the given length.
        let n = unsafe { libc::write(self.fd(), bytes.as_ptr().cast(), bytes.len()) };
        if n == bytes.len() as isize { Ok(()) } else { Err(io::Error::last_os_error()) }
    }

    /// Reads whatever arrives within `timeout`, up to `buf.len()` bytes; 0 on timeout.
    pub fn read(&self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        let mut fds = libc::pollfd { fd: self.fd(), events: libc::POLLIN, revents: 0 };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&raw mut fds, 1, ms) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        if n == 0 {
            return Ok(0);
        }
        // SAFETY: reading into a buffer of the given length.
        let got = unsafe { libc::read(self.fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if got < 0 { Err(io::Error::last_os_error()) } else { Ok(got as usize) }
    }

    /// Reads until `done` holds for everything read so far, or `timeout` passes.
    pub fn read_until(&self, timeout: Duration, done: impl Fn(&[u8]) -> bool) -> io::Result<Vec<u8>> {
        let start = Instant::now();
        let mut all = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        while !done(&all) {
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "nothing more from the terminal"));
            }
            let n = self.read(&mut buf, left.min(Duration::from_millis(100)))?;
            all.extend_from_slice(&buf[..n]);
        }
        Ok(all)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // The child called setsid, so its pid names its process group; once
        // reaped, the pid may belong to someone else.
        if let Ok(None) = self.child.try_wait() {
            // SAFETY: signalling the group of a child we spawned and have not reaped.
            unsafe { libc::kill(-(self.child.id() as i32), libc::SIGKILL) };
            let _ = self.child.wait();
        }
    }
}

/// Whether `haystack` holds `needle`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
