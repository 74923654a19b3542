//! Plain output for the command line: colour only when wanted, and a closed
//! pipe (`brief show x | head -1`) ends quietly.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

pub struct Out {
    w: BufWriter<StdoutLock<'static>>,
    pub color: bool,
}

impl Out {
    pub fn stdout(color: bool) -> Self {
        Out { w: BufWriter::new(io::stdout().lock()), color }
    }

    /// `text` in an SGR colour (e.g. "31" red) when colour is on.
    pub fn paint(&self, sgr: &str, text: &str) -> String {
        if self.color { format!("\x1b[{sgr}m{text}\x1b[0m") } else { text.to_string() }
    }

    /// Ends the run: the command's exit code, or 0 quietly on a closed pipe.
    pub fn finish(mut self, result: io::Result<ExitCode>) -> ExitCode {
        match result.and_then(|code| self.w.flush().map(|()| code)) {
            Ok(code) => code,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("brief: cannot write output: {e}");
                ExitCode::from(2)
            }
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}
