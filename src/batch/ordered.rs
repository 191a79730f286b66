//! One ordered parallel map: `work` runs on `jobs` threads, `sink` sees the results on
//! the calling thread in input order, as soon as each next one is ready.
//!
//! Memory is bounded by a reorder window: a worker does not start item `i` until item
//! `i - window` has been handed to the sink, so at most `window` results (plus one per
//! worker) wait at any time, whatever the number of items. Workers share nothing but an
//! atomic counter and a channel: they format their output themselves, and the single
//! consumer only writes finished bytes, so no lock sits on the output path.
//!
//! A panic in `work` is caught and handed to the sink as `Err(message)`; the other items
//! carry on.

use std::any::Any;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{mpsc, Condvar, Mutex};

/// Results waiting per worker thread, beyond those being worked on.
const WINDOW_PER_JOB: usize = 8;

/// A caught panic's message.
pub type Panicked = String;

/// Runs `work` on every item with `jobs` threads (`1`: on the calling thread only) and
/// calls `sink` with each result in input order. Stops claiming new items once `cancel`
/// is set (items already started still reach the sink, so what was handed on is always a
/// prefix of the input), or as soon as `sink` breaks. Returns how many results reached
/// the sink.
pub fn ordered_map<I, T, W, S>(
    items: &[I],
    jobs: usize,
    cancel: &AtomicBool,
    work: W,
    mut sink: S,
) -> usize
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    S: FnMut(usize, Result<T, Panicked>) -> ControlFlow<()>,
{
    let jobs = jobs.max(1).min(items.len().max(1));
    if jobs == 1 {
        let mut delivered = 0;
        for (i, item) in items.iter().enumerate() {
            if cancel.load(SeqCst) {
                break;
            }
            delivered += 1;
            if sink(i, run(&work, item)).is_break() {
                break;
            }
        }
        return delivered;
    }

    let window = jobs * WINDOW_PER_JOB;
    let next = AtomicUsize::new(0);
    let delivered = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let waiting = AtomicUsize::new(0);
    let gate = (Mutex::new(()), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, Result<T, Panicked>)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, delivered, stop, waiting, gate, work) =
                (&next, &delivered, &stop, &waiting, &gate, &work);
            scope.spawn(move || loop {
                if stop.load(SeqCst) || cancel.load(SeqCst) {
                    break;
                }
                let i = next.fetch_add(1, SeqCst);
                if i >= items.len() {
                    break;
                }
                // Wait for the window; once cancelled, finish the claimed item anyway so
                // that what reaches the sink stays a prefix.
                if i >= delivered.load(SeqCst) + window {
                    let mut guard = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                    waiting.fetch_add(1, SeqCst);
                    while i >= delivered.load(SeqCst) + window
                        && !stop.load(SeqCst)
                        && !cancel.load(SeqCst)
                    {
                        guard = gate.1.wait(guard).unwrap_or_else(|e| e.into_inner());
                    }
                    waiting.fetch_sub(1, SeqCst);
                }
                if stop.load(SeqCst) {
                    break;
                }
                if tx.send((i, run(work, &items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);

        let wake = || {
            if waiting.load(SeqCst) > 0 {
                let _guard = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                gate.1.notify_all();
            }
        };
        let mut pending: std::collections::VecDeque<Option<Result<T, Panicked>>> =
            std::collections::VecDeque::new();
        let mut want = 0usize;
        'receive: for (i, result) in &rx {
            let slot = i - want;
            if pending.len() <= slot {
                pending.resize_with(slot + 1, || None);
            }
            pending[slot] = Some(result);
            while let Some(Some(_)) = pending.front() {
                let Some(Some(result)) = pending.pop_front() else {
                    unreachable!("the front was just checked")
                };
                let flow = sink(want, result);
                want += 1;
                delivered.store(want, SeqCst);
                wake();
                if flow.is_break() {
                    break 'receive;
                }
            }
        }
        stop.store(true, SeqCst);
        let _guard = gate.0.lock().unwrap_or_else(|e| e.into_inner());
        gate.1.notify_all();
        // Dropping the receiver makes any worker still sending give up.
        drop(rx);
        want
    })
}

fn run<I, T>(work: &impl Fn(&I) -> T, item: &I) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(|| work(item))).map_err(panic_message)
}

fn panic_message(payload: Box<dyn Any + Send>) -> Panicked {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(
        items: &[u32],
        jobs: usize,
        cancel: &AtomicBool,
    ) -> Vec<(usize, Result<u32, String>)> {
        let mut seen = Vec::new();
        ordered_map(
            items,
            jobs,
            cancel,
            |&x| {
                if x == 13 {
                    panic!("unlucky {x}");
                }
                // Uneven work so that threads finish out of order.
                let spins = (u64::from(x) * 7919) % 5000;
                let mut acc = 0u64;
                for k in 0..spins {
                    acc = std::hint::black_box(acc.wrapping_add(k));
                }
                x + u32::from(acc == u64::MAX)
            },
            |i, r| {
                seen.push((i, r));
                ControlFlow::Continue(())
            },
        );
        seen
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads_and_a_panic_is_one_result() {
        let items: Vec<u32> = (0..2000).collect();
        let never = AtomicBool::new(false);
        for jobs in [1, 2, 3, 8] {
            let seen = collect(&items, jobs, &never);
            assert_eq!(seen.len(), items.len(), "jobs {jobs}");
            for (k, (i, r)) in seen.iter().enumerate() {
                assert_eq!(*i, k);
                if k == 13 {
                    assert_eq!(r.as_ref().unwrap_err(), "unlucky 13");
                } else {
                    assert_eq!(*r.as_ref().unwrap(), k as u32, "jobs {jobs}");
                }
            }
        }
    }

    #[test]
    fn one_job_runs_on_the_calling_thread_and_more_do_not() {
        let items: Vec<u32> = (0..64).collect();
        let never = AtomicBool::new(false);
        let me = std::thread::current().id();
        let on_caller = |jobs| {
            let mut n = 0;
            ordered_map(
                &items,
                jobs,
                &never,
                |_| std::thread::current().id(),
                |_, r| {
                    n += usize::from(r.unwrap() == me);
                    ControlFlow::Continue(())
                },
            );
            n
        };
        assert_eq!(on_caller(1), 64);
        assert_eq!(
            on_caller(2),
            0,
            "workers do the work; the caller only hands on"
        );
    }

    #[test]
    fn a_break_stops_and_the_window_bounds_what_runs_ahead() {
        let items: Vec<u32> = (0..10_000).collect();
        let never = AtomicBool::new(false);
        let started = AtomicUsize::new(0);
        let mut handed = 0;
        let n = ordered_map(
            &items,
            4,
            &never,
            |_| started.fetch_add(1, SeqCst),
            |_, _| {
                handed += 1;
                if handed == 10 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(n, 10);
        // At most the window (4 × 8) plus one item per worker ran beyond the 10 handed on.
        assert!(
            started.load(SeqCst) <= 10 + 4 * WINDOW_PER_JOB + 4,
            "{}",
            started.load(SeqCst)
        );
    }

    #[test]
    fn cancelling_hands_on_a_prefix() {
        let items: Vec<u32> = (0..10_000).collect();
        let cancel = AtomicBool::new(false);
        let mut order = Vec::new();
        ordered_map(
            &items,
            3,
            &cancel,
            |&x| x,
            |i, _| {
                order.push(i);
                if i == 100 {
                    cancel.store(true, SeqCst);
                }
                ControlFlow::Continue(())
            },
        );
        assert!(order.len() > 100 && order.len() < 10_000, "{}", order.len());
        assert!(
            order.iter().enumerate().all(|(k, &i)| k == i),
            "a prefix, in order"
        );
    }
}
