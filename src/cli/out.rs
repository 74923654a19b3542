//! Plain output for the command line: colour only when wanted, and a closed
//! pipe (`brief show x | head -1`) ends quietly.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

pub struct Out {
    w: Sink,
    pub color: bool,
}

enum Sink {
    Stdout(BufWriter<StdoutLock<'static>>),
    /// Kept to be wrapped to a terminal of this many columns and rows, and paged.
    Screen(Vec<u8>, (u16, u16)),
}

impl Out {
    pub fn stdout(color: bool) -> Self {
        Out { w: Sink::Stdout(BufWriter::new(io::stdout().lock())), color }
    }

    /// To a terminal: wrapped with a hanging indent and paged when long
    /// (`brief show`); to anything else, as `stdout`.
    pub fn screen(color: bool) -> Self {
        use std::io::IsTerminal;
        match crossterm::terminal::size() {
            Ok(size) if io::stdout().is_terminal() && size.0 > 0 => Out { w: Sink::Screen(Vec::new(), size), color },
            _ => Out::stdout(color),
        }
    }

    /// Whether the text goes to a terminal (wrapped and paged there).
    pub fn is_screen(&self) -> bool {
        matches!(self.w, Sink::Screen(..))
    }

    /// `text` in an SGR colour (e.g. "31" red) when colour is on.
    pub fn paint(&self, sgr: &str, text: &str) -> String {
        if self.color { format!("\x1b[{sgr}m{text}\x1b[0m") } else { text.to_string() }
    }

    /// Ends the run: the command's exit code, or 0 quietly on a closed pipe.
    pub fn finish(mut self, result: io::Result<ExitCode>) -> ExitCode {
        match result.and_then(|code| self.flush_out().map(|()| code)) {
            Ok(code) => code,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("brief: cannot write output: {e}");
                ExitCode::from(2)
            }
        }
    }
}

impl Out {
    fn flush_out(&mut self) -> io::Result<()> {
        match &mut self.w {
            Sink::Stdout(w) => w.flush(),
            Sink::Screen(text, (width, height)) => {
                let text = super::page::hang(&String::from_utf8_lossy(text), usize::from(*width));
                super::page::show(&text, usize::from(*height))
            }
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.w {
            Sink::Stdout(w) => w.write(buf),
            Sink::Screen(text, _) => text.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.w {
            Sink::Stdout(w) => w.flush(),
            Sink::Screen(..) => Ok(()),
        }
    }
}
