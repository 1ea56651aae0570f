//! Undo and redo as whole-meeting snapshots.
//!
//! A meeting is small and its items are shared through `Arc`, so a snapshot
//! costs a few pointer copies plus the roster; that is simpler and more
//! obviously correct than inverse operations, and undo of a deletion is
//! exact by construction.

use std::collections::VecDeque;

use super::Meeting;

/// How many changes can be undone. Three hours of minutes is well under
/// this many lines, so in practice every change of a session can be undone.
const LIMIT: usize = 5_000;

#[derive(Debug, Default, Clone)]
pub struct History {
    undo: VecDeque<Meeting>,
    redo: Vec<Meeting>,
    /// Changes recorded ever; a mark that old entries falling off the
    /// front cannot shift.
    recorded: u64,
}

impl History {
    /// Remember `before`, the meeting as it was before a change just made.
    pub fn record(&mut self, before: Meeting) {
        self.undo.push_back(before);
        self.recorded += 1;
        if self.undo.len() > LIMIT {
            self.undo.pop_front();
        }
        self.redo.clear();
    }

    /// Make a change as one undoable step. If `change` fails the meeting is
    /// put back exactly as it was and nothing is recorded, so a refused
    /// line or key can never leave half a change behind.
    pub fn change<T, E>(
        &mut self,
        meeting: &mut Meeting,
        change: impl FnOnce(&mut Meeting) -> Result<T, E>,
    ) -> Result<T, E> {
        let before = meeting.clone();
        match change(meeting) {
            Ok(value) => {
                self.record(before);
                Ok(value)
            }
            Err(e) => {
                *meeting = before;
                Err(e)
            }
        }
    }

    /// Put `meeting` back as it was before the last change. False when there
    /// is nothing to undo.
    pub fn undo(&mut self, meeting: &mut Meeting) -> bool {
        match self.undo.pop_back() {
            Some(before) => {
                self.redo.push(std::mem::replace(meeting, before));
                true
            }
            None => false,
        }
    }

    /// Re-apply the last undone change. False when there is nothing to redo.
    pub fn redo(&mut self, meeting: &mut Meeting) -> bool {
        match self.redo.pop() {
            Some(after) => {
                self.undo.push_back(std::mem::replace(meeting, after));
                true
            }
            None => false,
        }
    }

    /// A mark for `squash_since`.
    pub fn mark(&self) -> u64 {
        self.recorded
    }

    /// Make everything recorded since `mark` one step, back to `before`
    /// (a paste of many lines is undone by one undo).
    pub fn squash_since(&mut self, mark: u64, before: Meeting) {
        let since = usize::try_from(self.recorded.saturating_sub(mark)).unwrap_or(usize::MAX);
        let keep = self.undo.len().saturating_sub(since);
        self.undo.truncate(keep);
        self.undo.push_back(before);
        self.recorded = mark + 1;
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_then_redo_round_trips() {
        let mut h = History::default();
        let mut m = Meeting::default();
        let original = m.clone();
        h.record(m.clone());
        m.title = "Board".into();
        let changed = m.clone();
        assert!(h.undo(&mut m));
        assert_eq!(m, original);
        assert!(!h.undo(&mut m));
        assert!(h.redo(&mut m));
        assert_eq!(m, changed);
        assert!(!h.redo(&mut m));
    }

    #[test]
    fn a_failed_change_leaves_no_trace() {
        let mut h = History::default();
        let mut m = Meeting::default();
        let r: Result<(), &str> = h.change(&mut m, |m| {
            m.title = "half done".into();
            Err("refused")
        });
        assert_eq!(r, Err("refused"));
        assert_eq!(m, Meeting::default());
        assert!(!h.undo(&mut m));
        h.change(&mut m, |m| {
            m.title = "Board".into();
            Ok::<(), ()>(())
        })
        .unwrap();
        assert!(h.undo(&mut m));
        assert_eq!(m, Meeting::default());
    }
}
