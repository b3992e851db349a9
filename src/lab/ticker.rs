//! The ticker: a task that appends a `tick` event to the hub at a steady
//! rate, so every transport has something to carry even when nobody types.
//!
//! The rate comes from a watch channel, so `POST /api/lab/ticker` changes it
//! while the task runs; 0 pauses it. The task ends on shutdown.
//!
//! In a cluster (`--redis`) the ticker runs once for all instances: every
//! instance runs [`take_turns`], and only the one holding the ticker's
//! lease in Redis ticks; a rate set on any instance becomes the cluster's.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::{interval_at, Instant, MissedTickBehavior};
use tokio_util::sync::CancellationToken;

use crate::hub::{EventKind, Hub, SharedLog};

/// The highest rate the lab accepts, in events per second: enough to load
/// the server on purpose (BENCHMARKS.md drives it at 500 and 1,000); the
/// playground's slider stops at 200.
pub const MAX_RATE: f64 = 1000.0;

/// The most ticks one late wake-up appends (a tenth of a second at the
/// highest rate).
const MAX_BURST: u64 = 100;

/// How often a cluster instance renews or tries to take the ticker's lease.
const TURN: Duration = Duration::from_secs(1);

/// Appends ticks at `rate` events per second until `shutdown`, while
/// `my_turn` is true (always, on a single instance).
pub(crate) async fn run(
    hub: Arc<Hub>,
    mut rate: watch::Receiver<f64>,
    my_turn: Arc<AtomicBool>,
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
            // The rate is kept by counting what is due since the start, not
            // by one event per wake-up: a wake-up that comes late (the
            // server is busy) appends every event that came due meanwhile,
            // up to `MAX_BURST`, so a loaded server still gets the load it
            // was offered; beyond that, a backlog is dropped, not carried.
            let per_second = per_second.min(MAX_RATE);
            let period = Duration::from_secs_f64(1.0 / per_second);
            let started = Instant::now();
            let mut beat = interval_at(started + period, period);
            beat.set_missed_tick_behavior(MissedTickBehavior::Skip);
            let mut appended: u64 = 0;
            loop {
                beat.tick().await;
                // Whole events due since the start (float to integer:
                // truncation is the point).
                let due = (started.elapsed().as_secs_f64() * per_second + 1e-6) as u64;
                let burst = due.saturating_sub(appended).min(MAX_BURST);
                appended = due;
                if !my_turn.load(Ordering::Relaxed) {
                    continue;
                }
                for _ in 0..burst {
                    seq += 1;
                    if let Err(error) = hub.publish(EventKind::Tick { seq }, None).await {
                        tracing::debug!(%error, "a tick was not published");
                    }
                }
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

/// In a cluster: every [`TURN`], announces this instance (at `advertise`,
/// for the cluster view), takes or renews the ticker's lease (`my_turn`),
/// shares a rate changed on this instance and adopts the cluster's rate,
/// until `shutdown`. Without Redis nobody ticks.
pub(crate) async fn take_turns(
    shared: Arc<SharedLog>,
    rate: Arc<watch::Sender<f64>>,
    my_turn: Arc<AtomicBool>,
    advertise: Option<String>,
    shutdown: CancellationToken,
) {
    // The rate last agreed with the cluster (None: not known yet).
    let mut agreed: Option<f64> = None;
    loop {
        if let Some(url) = &advertise {
            if let Err(error) = shared.announce(url).await {
                tracing::debug!(%error, "could not announce this instance");
            }
        }
        let local = *rate.borrow();
        let changed_here = agreed.is_some_and(|agreed| (agreed - local).abs() > f64::EPSILON);
        match shared.ticker_turn(changed_here.then_some(local)).await {
            Ok((held, cluster_rate)) => {
                my_turn.store(held, Ordering::Relaxed);
                match cluster_rate {
                    Some(cluster) if (cluster - local).abs() > f64::EPSILON && !changed_here => {
                        rate.send_replace(cluster.clamp(0.0, MAX_RATE));
                        agreed = Some(cluster);
                    }
                    Some(cluster) => agreed = Some(cluster),
                    // The first instance: its rate becomes the cluster's.
                    None => {
                        if let Err(error) = shared.ticker_turn(Some(local)).await {
                            tracing::debug!(%error, "could not share the ticker's rate");
                        }
                        agreed = Some(local);
                    }
                }
            }
            Err(error) => {
                my_turn.store(false, Ordering::Relaxed);
                tracing::debug!(%error, "no ticker turn without the shared log");
            }
        }
        tokio::select! {
            () = tokio::time::sleep(TURN) => {}
            () = shutdown.cancelled() => return,
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
        let my_turn = Arc::new(AtomicBool::new(true));
        let task = tokio::spawn(run(hub.clone(), receiver, my_turn, shutdown.clone()));
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
