//! The background saver: the input thread hands over a snapshot and goes
//! on; this thread serialises and writes it. Latest wins: a snapshot that
//! is already out of date when the thread gets to it is never written.
//!
//! A failed write is reported and not retried here: the next snapshot (a
//! new change, or the runtime's retry timer) rewrites the whole file from
//! memory, so a failed fsync is never "retried" on data the kernel may
//! already have dropped.

use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use crate::model::Meeting;

/// What the writer says about one save.
pub type Outcome = Result<(), String>;

pub struct Saver {
    tx: Option<Sender<(u64, Meeting)>>,
    handle: Option<JoinHandle<Outcome>>,
}

impl Saver {
    /// Start the thread. `write` puts a meeting on disk; `report` hears the
    /// outcome of each write with the revision it wrote.
    pub fn start(
        mut write: impl FnMut(&Meeting) -> Outcome + Send + 'static,
        report: impl Fn(u64, Outcome) + Send + 'static,
    ) -> Saver {
        let (tx, rx) = mpsc::channel::<(u64, Meeting)>();
        let handle = thread::spawn(move || {
            let mut last = Ok(());
            while let Ok(mut job) = rx.recv() {
                for newer in rx.try_iter() {
                    job = newer;
                }
                let (rev, meeting) = job;
                let result = write(&meeting);
                last.clone_from(&result);
                report(rev, result);
            }
            last
        });
        Saver {
            tx: Some(tx),
            handle: Some(handle),
        }
    }

    /// Queue revision `rev` for writing. Never blocks.
    pub fn save(&self, rev: u64, meeting: Meeting) {
        if let Some(tx) = &self.tx {
            let _ = tx.send((rev, meeting));
        }
    }

    /// Write whatever is waiting, stop, and say how the last write went.
    pub fn finish(mut self) -> Outcome {
        drop(self.tx.take());
        match self.handle.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err("the saver stopped unexpectedly".into()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn meeting(title: &str) -> Meeting {
        Meeting {
            title: title.into(),
            ..Meeting::default()
        }
    }

    #[test]
    fn the_newest_snapshot_is_on_disk_when_it_finishes() {
        let disk = Arc::new(Mutex::new(Vec::<String>::new()));
        let d = disk.clone();
        let saver = Saver::start(
            move |m| {
                d.lock().unwrap().push(m.title.clone());
                Ok(())
            },
            |_, _| {},
        );
        for i in 0..100 {
            saver.save(i, meeting(&format!("rev {i}")));
        }
        assert_eq!(saver.finish(), Ok(()));
        let written = disk.lock().unwrap();
        assert_eq!(written.last().map(String::as_str), Some("rev 99"));
        assert!(written.len() <= 100);
    }

    #[test]
    fn failures_are_reported_and_the_next_snapshot_is_written_whole() {
        let fail = Arc::new(Mutex::new(true));
        let disk = Arc::new(Mutex::new(None::<Meeting>));
        let reports = Arc::new(Mutex::new(Vec::new()));
        let (f, d, r) = (fail.clone(), disk.clone(), reports.clone());
        let saver = Saver::start(
            move |m| {
                if *f.lock().unwrap() {
                    return Err("No space left on device".into());
                }
                *d.lock().unwrap() = Some(m.clone());
                Ok(())
            },
            move |rev, outcome| r.lock().unwrap().push((rev, outcome)),
        );
        saver.save(1, meeting("first"));
        while reports.lock().unwrap().is_empty() {
            thread::yield_now();
        }
        assert_eq!(
            reports.lock().unwrap()[0],
            (1, Err("No space left on device".to_string()))
        );
        assert!(disk.lock().unwrap().is_none(), "nothing half-written");
        *fail.lock().unwrap() = false;
        saver.save(2, meeting("second"));
        assert_eq!(saver.finish(), Ok(()));
        assert_eq!(disk.lock().unwrap().as_ref().unwrap().title, "second");
        assert_eq!(reports.lock().unwrap().last(), Some(&(2, Ok(()))));
    }
}
