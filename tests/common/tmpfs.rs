//! A small tmpfs of its own for a test that must fill a disk or make a
//! folder read-only under the app (as root, as CI runs): unmounted when
//! dropped, however the test ends. Declare it before any `Term` using it,
//! so that it is dropped after them.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Tmpfs {
    pub dir: PathBuf,
    _base: tempfile::TempDir,
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

impl Tmpfs {
    /// Mount one of `size` for `test`, which needs it `to` do something
    /// ("fill a disk"), or say why not: `Err` only when skipping was asked
    /// for with MINUTES_NO_MOUNT_TESTS=1, and then loudly.
    pub fn mount(size: &str, test: &str, to: &str) -> Result<Tmpfs, ()> {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("tmpfs");
        fs::create_dir(&dir).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&dir)
            .output();
        let why = match out {
            Ok(o) if o.status.success() => return Ok(Tmpfs { dir, _base: base }),
            Ok(o) => stderr_of(&o).trim().to_string(),
            Err(e) => e.to_string(),
        };
        let uid = Command::new("id").arg("-u").output().map_or_else(
            |_| "?".into(),
            |o| String::from_utf8_lossy(&o.stdout).trim().to_string(),
        );
        if std::env::var("MINUTES_NO_MOUNT_TESTS").as_deref() == Ok("1") {
            use std::io::Write;
            // Past the test harness's capture, so it shows without
            // --nocapture.
            let _ = writeln!(
                std::io::stderr(),
                "\n******** SKIPPED {test}: cannot mount a tmpfs (uid {uid}: {why}); MINUTES_NO_MOUNT_TESTS=1 is set. {test} is NOT tested. ********\n"
            );
            return Err(());
        }
        panic!(
            "{test} needs to mount a tmpfs (as root) to {to}, and mounting failed (uid {uid}: {why}). Run the tests as root where `mount -t tmpfs` works, or set MINUTES_NO_MOUNT_TESTS=1 to skip this test explicitly."
        );
    }

    /// `mount -o remount,HOW`: "ro" or "rw".
    pub fn remount(&self, how: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{how}")])
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mount -o remount,{how} {} failed: {}",
            self.dir.display(),
            stderr_of(&out)
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}
