//! The ticker: a task that appends a `tick` event to the hub at a steady
//! rate, so every transport has something to carry even when nobody types.
//!
//! The rate comes from a watch channel, so `POST /api/lab/ticker` changes it
//! while the task runs; 0 pauses it. The task ends on shutdown.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::{interval_at, Instant, MissedTickBehavior};
use tokio_util::sync::CancellationToken;

use crate::hub::{EventKind, Hub};

/// The highest rate the lab accepts, in events per second.
pub(crate) const MAX_RATE: f64 = 200.0;

/// Appends ticks at `rate` events per second until `shutdown`.
pub(crate) async fn run(
    hub: Arc<Hub>,
    mut rate: watch::Receiver<f64>,
    shutdown: CancellationToken,
) {
    let mut seq = 0;
    loop {
        let per_second = *rate.borrow_and_update();
        let beats = async {
            if per_second <= 0.0 {
                // Paused: only a new rate (or shutdown) wakes us.
                return std::future::pending().await;
            }
            // An interval, not a sleep per beat, so the time spent appending
            // does not slow the rate down.
            let period = Duration::from_secs_f64(1.0 / per_second.min(MAX_RATE));
            let mut beat = interval_at(Instant::now() + period, period);
            beat.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                beat.tick().await;
                seq += 1;
                hub.append(EventKind::Tick { seq });
            }
        };
        tokio::select! {
            () = shutdown.cancelled() => return,
            changed = rate.changed() => {
                if changed.is_err() {
                    return;
                }
            }
            () = beats => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn ticks_at_the_rate_and_pauses_at_zero() {
        let hub = Arc::new(Hub::new());
        let (rate, receiver) = watch::channel(10.0);
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(run(hub.clone(), receiver, shutdown.clone()));
        // Simulated time: one second at 10 events per second is 10 ticks.
        tokio::time::sleep(Duration::from_millis(1_050)).await;
        assert_eq!(hub.last_id().0, 10);
        rate.send_replace(0.0);
        tokio::task::yield_now().await;
        let paused_at = hub.last_id();
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(hub.last_id(), paused_at, "a stopped ticker appends nothing");
        rate.send_replace(1.0);
        tokio::time::sleep(Duration::from_millis(2_050)).await;
        assert_eq!(hub.last_id().0, paused_at.0 + 2);
        shutdown.cancel();
        task.await.expect("the ticker ends on shutdown");
    }
}
