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
pub const MAX_RATE: f64 = 200.0;

/// Appends ticks at `rate` events per second until `shutdown`.
pub async fn run(hub: Arc<Hub>, mut rate: watch::Receiver<f64>, shutdown: CancellationToken) {
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

    #[tokio::test]
    async fn ticks_while_the_rate_is_positive_and_pauses_at_zero() {
        let hub = Arc::new(Hub::new());
        let (rate, receiver) = watch::channel(200.0);
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(run(hub.clone(), receiver, shutdown.clone()));
        let mut news = hub.subscribe();
        while hub.last_id().0 < 5 {
            tokio::time::timeout(Duration::from_secs(5), news.changed())
                .await
                .expect("the ticker ticks")
                .expect("the hub is alive");
        }
        rate.send_replace(0.0);
        tokio::task::yield_now().await;
        let paused_at = hub.last_id();
        tokio::time::sleep(Duration::from_millis(300)).await;
        // At most the one beat that was already due when the rate changed.
        assert!(hub.last_id().0 <= paused_at.0 + 1);
        shutdown.cancel();
        task.await.expect("the ticker ends on shutdown");
    }
}
