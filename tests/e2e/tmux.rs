//! A tmux harness: each test gets its own tmux server (`-L brief-test-…`),
//! runs the real binary in an 80x24 pane with a controlled environment, and
//! reads the screen by polling `capture-pane`. The server dies with the test.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for anything to appear on a loaded 2-core machine.
pub const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(40);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub use super::common::{briefings, fixture};

pub fn brief_bin() -> &'static str {
    env!("CARGO_BIN_EXE_brief")
}

/// Quotes a word for `sh`.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new(what: &str) -> TempDir {
        let dir = tempfile::Builder::new().prefix(&format!("brief-e2e-{what}-")).tempdir();
        TempDir(dir.expect("create a temp dir"))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

/// What runs in the pane, and with which environment.
pub struct Launch {
    /// `brief` arguments, e.g. `["--dir", "…"]`.
    pub args: Vec<String>,
    /// Variables on top of PATH, HOME, `BRIEF_STATE` and `XDG_DATA_HOME`; nothing else is inherited.
    pub env: Vec<(String, String)>,
    /// The working directory inside the pane, if not the temp dir.
    pub cwd: Option<PathBuf>,
    /// Shell words run before brief (e.g. setting the pane title).
    pub before: String,
    /// Run an interactive bash instead, and type the command into it.
    pub shell: bool,
}

impl Launch {
    /// `brief --dir DIR` with a UTF-8 locale and an xterm.
    pub fn dir(dir: &Path) -> Launch {
        Launch {
            args: vec!["--dir".into(), dir.to_string_lossy().into_owned()],
            env: vec![("LANG".into(), "C.UTF-8".into()), ("TERM".into(), "xterm-256color".into())],
            cwd: None,
            before: String::new(),
            shell: false,
        }
    }

    /// Replaces or adds a variable.
    pub fn set(mut self, name: &str, value: &str) -> Launch {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.into(), value.into()));
        self
    }

    /// The brief command line, quoted for sh.
    pub fn command(&self) -> String {
        let mut words = vec![sh_quote(brief_bin())];
        words.extend(self.args.iter().map(|a| sh_quote(a)));
        words.join(" ")
    }
}

pub struct Tmux {
    socket: String,
    pub tmp: TempDir,
    stty: PathBuf,
}

const CONFIG: &str =
    "set -g status off\nset -g set-clipboard on\nset -g default-shell /bin/sh\nset -g history-limit 0\n";

fn require_tmux() {
    let found = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    assert!(found, "tmux is not installed: the end-to-end tests run the reader in tmux (apt-get install tmux)");
}

impl Tmux {
    /// Starts a server and an 80x24 session running `launch`.
    pub fn start(launch: &Launch) -> Tmux {
        require_tmux();
        let tmp = TempDir::new("tmux");
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let socket = format!("brief-test-{}-{n}", std::process::id());
        fs::write(tmp.path().join("tmux.conf"), CONFIG).expect("write tmux.conf");
        let stty = tmp.path().join("stty.txt");
        let tmux = Tmux { socket, tmp, stty };
        let pane = tmux.pane_command(launch);
        let conf = tmux.tmp.path().join("tmux.conf");
        tmux.run(&["-f", &conf.to_string_lossy(), "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &pane]);
        if launch.shell {
            tmux.wait_for_prompt();
            tmux.type_line(&format!("{}{}", launch.before, launch.command()));
        }
        tmux
    }

    /// `exec env -i … sh -c 'brief …; echo EXIT=$?; stty -a > file; sleep 60'`.
    fn pane_command(&self, launch: &Launch) -> String {
        let home = self.tmp.path().join("home");
        let _ = fs::create_dir_all(&home);
        let mut env = vec![
            ("PATH".to_string(), std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into())),
            ("HOME".to_string(), home.to_string_lossy().into_owned()),
            ("BRIEF_STATE".to_string(), self.tmp.path().join("state.toml").to_string_lossy().into_owned()),
            ("XDG_DATA_HOME".to_string(), self.tmp.path().join("data").to_string_lossy().into_owned()),
        ];
        env.extend(launch.env.iter().cloned());
        let cwd = launch.cwd.clone().unwrap_or_else(|| self.tmp.path().to_path_buf());
        let vars: Vec<String> = env.iter().map(|(k, v)| format!("{k}={}", sh_quote(v))).collect();
        let stty = sh_quote(&self.stty.to_string_lossy());
        if launch.shell {
            return format!(
                "cd {} && exec env -i {} PS1='$ ' bash --norc --noprofile",
                sh_quote(&cwd.to_string_lossy()),
                vars.join(" ")
            );
        }
        let inner = format!("{}{}; echo \"EXIT=$?\"; stty -a > {stty}; sleep 60", launch.before, launch.command());
        format!("cd {} && exec env -i {} sh -c {}", sh_quote(&cwd.to_string_lossy()), vars.join(" "), sh_quote(&inner))
    }

    /// Runs a tmux command on this server and returns its output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.tmux().args(args).output().expect("run tmux");
        assert!(out.status.success(), "tmux {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn tmux(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-L").arg(&self.socket).env_remove("TMUX").env("LANG", "C.UTF-8");
        cmd
    }

    fn display_quietly(&self, format: &str) -> Option<String> {
        let out = self.tmux().args(["display-message", "-p", "-t", "e2e", format]).output().ok()?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// The screen with its attributes as SGR escapes.
    pub fn screen_with_attributes(&self) -> String {
        self.run(&["capture-pane", "-p", "-e", "-t", "e2e"])
    }

    /// A tmux format of the pane, e.g. `#{pane_title}`.
    pub fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "e2e", format]).trim_end().to_string()
    }

    /// Presses keys by tmux name: `j`, `Tab`, `BTab`, `Enter`, `BSpace`, `C-z`.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn type_line(&self, text: &str) {
        self.type_text(text);
        self.keys(&["Enter"]);
    }

    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.run(&["resize-window", "-t", "e2e", "-x", &width.to_string(), "-y", &height.to_string()]);
    }

    /// Polls the screen until `ok` holds; panics with the last screen if it never does.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(start.elapsed() <= PATIENCE, "waited {PATIENCE:?} for {what}; the screen was:\n{screen}");
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on the screen"), |s| s.contains(text))
    }

    /// The interactive shell's `$ ` prompt on the last line written.
    pub fn wait_for_prompt(&self) -> String {
        self.wait_until("the shell prompt", |s| s.lines().rev().find(|l| !l.trim().is_empty()) == Some("$"))
    }

    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contains(text))
    }

    /// Waits for the shell's `EXIT=n` after brief ends.
    pub fn exit_status(&self) -> i32 {
        let screen = self.wait_for("EXIT=");
        let line = screen.lines().find(|l| l.contains("EXIT=")).unwrap_or_default();
        let n = line.split("EXIT=").nth(1).unwrap_or_default().trim();
        n.parse().unwrap_or_else(|_| panic!("no exit status in {line:?}"))
    }

    /// `stty -a` as the shell saw the terminal right after brief ended.
    pub fn stty(&self) -> String {
        let start = Instant::now();
        loop {
            match fs::read_to_string(&self.stty) {
                Ok(s) if s.contains("icanon") => return s,
                _ if start.elapsed() > PATIENCE => panic!("no stty output after brief ended"),
                _ => std::thread::sleep(POLL),
            }
        }
    }

    /// The running brief process: the pane's descendant called `brief`.
    pub fn brief_pid(&self) -> i32 {
        let pane: i32 = self.display("#{pane_pid}").parse().expect("pane pid");
        let start = Instant::now();
        loop {
            if let Some(pid) = descendant(pane, "brief") {
                return pid;
            }
            assert!(start.elapsed() < PATIENCE, "no brief process under the pane");
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Tmux {
    /// Kills the server; a brief that outlives its terminal by 2 s is killed
    /// too, so a failing test leaves nothing spinning.
    fn drop(&mut self) {
        let pane = self.display_quietly("#{pane_pid}").and_then(|p| p.parse::<i32>().ok());
        let brief = pane.and_then(|p| descendant(p, "brief"));
        let socket = self.display_quietly("#{socket_path}");
        let _ = self.tmux().arg("kill-server").output();
        // tmux leaves its socket file behind when killed.
        if let Some(path) = socket.filter(|p| p.contains("brief-test-")) {
            let _ = fs::remove_file(path);
        }
        let Some(pid) = brief else { return };
        let start = Instant::now();
        while parent_and_name(pid).is_some_and(|(_, n)| n == "brief") {
            if start.elapsed() > Duration::from_secs(2) {
                // SAFETY: the process is the brief this test started, still running.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                return;
            }
            std::thread::sleep(POLL);
        }
    }
}

/// Whether the terminal is back in cooked mode: `icanon` and `echo` on.
pub fn cooked(stty: &str) -> bool {
    let words: Vec<&str> = stty.split_whitespace().collect();
    words.contains(&"icanon") && words.contains(&"echo") && !words.contains(&"-icanon") && !words.contains(&"-echo")
}

/// Parent pid and command name of a process, from `/proc/PID/stat`.
pub fn parent_and_name(pid: i32) -> Option<(i32, String)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat[open + 1..close].to_string();
    let ppid = stat[close + 2..].split_whitespace().nth(1)?.parse().ok()?;
    Some((ppid, name))
}

/// The first process under `root` (at any depth) called `name`.
pub fn descendant(root: i32, name: &str) -> Option<i32> {
    let procs: Vec<(i32, i32, String)> = fs::read_dir("/proc")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(|pid| parent_and_name(pid).map(|(ppid, n)| (pid, ppid, n)))
        .collect();
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for (pid, ppid, n) in &procs {
            if *ppid == p {
                if n == name {
                    return Some(*pid);
                }
                frontier.push(*pid);
            }
        }
    }
    None
}
