//! The reader's start-up and its bytes per frame: `cargo bench --bench reader`.
//!
//! - First frame: the release binary spawned on a pty (80x24) until the first
//!   frame's bytes reach the master, for `briefings/` and for 1,000 generated
//!   briefings. Target: median under 50 ms whatever the folder size.
//! - Bytes: drawn in-process at 120x40 through the reader's own `FrameWriter`.
//!   Targets: one row of selection movement under 1.5 KB; an unchanged frame
//!   under 64 bytes.

// The generator serves other benches too; this one needs only `generate`.
#[allow(dead_code)]
#[path = "gen/mod.rs"]
mod corpus_gen;

// Shared with the e2e tests, which use the parts this bench does not.
#[allow(dead_code)]
#[path = "../tests/e2e/pty.rs"]
mod pty;

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use brief::reader::app::App;
use brief::reader::keys::Action;
use brief::reader::lean::LeanBackend;
use brief::reader::term::FrameWriter;
use brief::reader::theme::Theme;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const RUNS: usize = 20;
const FIRST_FRAME_TARGET: Duration = Duration::from_millis(50);
const MOVE_TARGET: usize = 1536;
const UNCHANGED_TARGET: usize = 64;
const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";

fn main() -> ExitCode {
    let exe = Path::new(env!("CARGO_BIN_EXE_brief"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let generated = match corpus_gen::bench_folder(exe) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("reader bench: cannot write the folder of generated briefings: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut ok = true;
    println!("brief reader: first frame on an 80x24 pty, {RUNS} runs each (release build)");
    for (name, dir) in [("briefings/ (3 files)", repo.as_path()), ("1,000 generated briefings", &generated)] {
        match first_frames(exe, dir) {
            Ok(runs) => ok &= report_start(name, runs),
            Err(e) => {
                eprintln!("reader bench: {name}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    match frame_bytes(&repo) {
        Ok(bytes) => ok &= report_bytes(&bytes),
        Err(e) => {
            eprintln!("reader bench: drawing failed: {e}");
            return ExitCode::FAILURE;
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Per run: time to the first frame, and to the first frame with the folder loaded.
fn first_frames(exe: &Path, dir: &Path) -> io::Result<Vec<(Duration, Duration)>> {
    let home = std::env::temp_dir().join(format!("brief-bench-reader-{}", std::process::id()));
    fs::create_dir_all(&home)?;
    let state = home.join("state.toml");
    let env = [
        ("TERM", "xterm-256color"),
        ("LANG", "C.UTF-8"),
        ("HOME", home.to_str().unwrap_or("/tmp")),
        ("BRIEF_STATE", state.to_str().unwrap_or("/tmp/brief-bench-state.toml")),
    ];
    // One warm-up run fills the page cache, as a second start would find it.
    let mut runs = Vec::with_capacity(RUNS);
    for i in 0..=RUNS {
        let run = start_once(exe, dir, &env)?;
        if i > 0 {
            runs.push(run);
        }
    }
    let _ = fs::remove_dir_all(&home);
    Ok(runs)
}

fn start_once(exe: &Path, dir: &Path, env: &[(&str, &str)]) -> io::Result<(Duration, Duration)> {
    let args = ["--dir".as_ref(), dir.as_os_str()];
    let start = Instant::now();
    let p = pty::spawn(exe.as_os_str(), &args, env, 80, 24)?;
    let (mut seen, mut first) = (Vec::new(), None);
    let mut buf = vec![0u8; 64 * 1024];
    while start.elapsed() < Duration::from_secs(20) {
        let n = p.read(&mut buf, Duration::from_millis(100))?;
        seen.extend_from_slice(&buf[..n]);
        if first.is_none() && pty::contains(&seen, BEGIN_SYNC) {
            first = Some(start.elapsed());
        }
        // The pane title "Briefings" is drawn only once the folder is loaded.
        if let Some(first) = first.filter(|_| pty::contains(&seen, b"Briefings")) {
            return Ok((first, start.elapsed()));
        }
    }
    Err(io::Error::new(io::ErrorKind::TimedOut, "no loaded frame within 20 s"))
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[((sorted.len() * p).div_ceil(100)).saturating_sub(1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report_start(name: &str, runs: Vec<(Duration, Duration)>) -> bool {
    let (mut first, mut loaded): (Vec<_>, Vec<_>) = runs.into_iter().unzip();
    first.sort();
    loaded.sort();
    let median = first[first.len() / 2];
    let ok = median < FIRST_FRAME_TARGET;
    println!(
        "  {name}: first frame median {:.1} ms, p95 {:.1} ms; loaded frame median {:.1} ms, p95 {:.1} ms  [< {} ms: {}]",
        ms(median),
        ms(percentile(&first, 95)),
        ms(loaded[loaded.len() / 2]),
        ms(percentile(&loaded, 95)),
        FIRST_FRAME_TARGET.as_millis(),
        if ok { "met" } else { "MISSED" }
    );
    ok
}

/// Everything the `FrameWriter` sends, kept so a missed target can be shown.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.lock().map_err(|_| io::Error::other("capture poisoned"))?.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct FrameBytes {
    first: Vec<u8>,
    moved: Vec<u8>,
    unchanged: Vec<u8>,
}

/// Draws the reader at 120x40: the first frame, then one row down in Claims,
/// then the same state again.
fn frame_bytes(repo: &Path) -> io::Result<FrameBytes> {
    let corpus = brief::load::load(repo)?;
    let mut app = App::new(Arc::new(corpus));
    let theme = Theme::new(true, false);
    let capture = Capture::default();
    let backend = LeanBackend::new(FrameWriter::new(Box::new(capture.clone())));
    let viewport = Viewport::Fixed(Rect::new(0, 0, 120, 40));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport })?;
    let mut frame = |app: &mut App| -> io::Result<Vec<u8>> {
        let mut laid_out = app.viewport();
        terminal.draw(|f| brief::reader::ui::draw(f, app, &theme, &mut laid_out))?;
        app.laid_out(laid_out);
        let writer = terminal.backend_mut().writer();
        let before = writer.sent;
        writer.commit()?;
        let sent = writer.sent - before;
        let all = capture.0.lock().map_err(|_| io::Error::other("capture poisoned"))?;
        Ok(all[all.len() - sent..].to_vec())
    };
    app.update(Action::NextPane);
    app.update(Action::NextPane);
    let first = frame(&mut app)?;
    app.update(Action::Down);
    let moved = frame(&mut app)?;
    let unchanged = frame(&mut app)?;
    Ok(FrameBytes { first, moved, unchanged })
}

/// Bytes as text: escapes as `\e`, other controls as `\xNN`.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\x1b' => out.push_str("\\e"),
            c if c.is_control() => {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn report_bytes(b: &FrameBytes) -> bool {
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    let moved_ok = b.moved.len() < MOVE_TARGET;
    let unchanged_ok = b.unchanged.len() < UNCHANGED_TARGET;
    println!("brief reader: bytes per frame at 120x40 (Claims pane focused)");
    println!("  first frame        {} bytes", b.first.len());
    println!("  selection down 1   {} bytes  [< {MOVE_TARGET}: {}]", b.moved.len(), verdict(moved_ok));
    println!("  unchanged frame    {} bytes  [< {UNCHANGED_TARGET}: {}]", b.unchanged.len(), verdict(unchanged_ok));
    if !moved_ok || std::env::var_os("BRIEF_BENCH_DUMP").is_some() {
        println!("  the selection frame's bytes:\n{}", shown(&b.moved));
    }
    if !unchanged_ok || std::env::var_os("BRIEF_BENCH_DUMP").is_some() {
        println!("  the unchanged frame's bytes:\n{}", shown(&b.unchanged));
    }
    moved_ok && unchanged_ok
}
