package saved

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Webhook deliveries wait in an outbox in the store's file, written in the same
// transaction as the run whose news they carry: a crash loses none. They are sent
// later, by Deliver, never while the caller holds anything else (the server runs
// DeliverLoop beside its index work; the command line calls Deliver once its index
// is closed). Before sending, a delivery is leased (its next attempt moved past the
// send's time limit), so that two processes never send it at once; only a crash
// between the receiver's answer and the outbox update sends it again, and the
// delivery ID header lets the receiver see that.

var bucketOutbox = []byte("outbox")

// DeliveryHeader carries a delivery's ID (saved query ID and run number), the same
// on every attempt.
const DeliveryHeader = "X-Ssgsearch-Delivery"

// delivery is a webhook delivery waiting in the outbox.
type delivery struct {
	QueryID  string    `json:"query_id"`
	RunID    int64     `json:"run_id"`
	Attempts int       `json:"attempts"`
	NextAt   time.Time `json:"next_at"`
}

func (d delivery) key() []byte { return append([]byte(d.QueryID+"/"), runKey(d.RunID)...) }

// lease is how long a delivery being sent is kept from other senders: more than
// the client's time limit.
const lease = 2 * time.Minute

// queueDelivery puts the delivery of run r of query id in the outbox, in tx.
func queueDelivery(tx *bolt.Tx, id string, r *Run, now time.Time) error {
	b, err := tx.CreateBucketIfNotExists(bucketOutbox)
	if err != nil {
		return err
	}
	d := delivery{QueryID: id, RunID: r.ID, NextAt: now}
	return putJSON(b, d.key(), d)
}

// woken tells DeliverLoop that a delivery was queued.
func (s *Store) woken() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Deliver sends every delivery that is due, one attempt each, and records the
// outcome on its run: delivered, to be retried after the notifier's next delay
// (network errors, 5xx and 429 answers), or failed. It returns how many deliveries
// remain and when the next is due (zero when none remain).
func (s *Store) Deliver(ctx context.Context) (pending int, next time.Time, err error) {
	keys, err := s.dueDeliveries()
	if err != nil {
		return 0, time.Time{}, err
	}
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return 0, time.Time{}, err
		}
		// Each is leased just before it is sent, so that a long queue does not
		// outlive its leases while it waits.
		d, ok, err := s.lease(k)
		if err != nil {
			return 0, time.Time{}, err
		}
		if !ok {
			continue // another sender took it, or it went
		}
		if err := s.deliverOne(ctx, d); err != nil {
			return 0, time.Time{}, err
		}
	}
	err = s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var d delivery
			if json.Unmarshal(v, &d) == nil {
				pending++
				if next.IsZero() || d.NextAt.Before(next) {
					next = d.NextAt
				}
			}
			return nil
		})
	})
	return pending, next, err
}

// dueDeliveries lists the keys of the deliveries due now, dropping unreadable ones.
func (s *Store) dueDeliveries() ([][]byte, error) {
	now := s.now()
	var due, bad [][]byte
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var d delivery
			switch {
			case json.Unmarshal(v, &d) != nil:
				bad = append(bad, slices.Clone(k))
			case !d.NextAt.After(now):
				due = append(due, slices.Clone(k))
			}
			return nil
		})
	})
	if err != nil || len(bad) == 0 {
		return due, err
	}
	return due, s.update(func(tx *bolt.Tx) error { // unreadable: nothing can be sent
		for _, k := range bad {
			if err := tx.Bucket(bucketOutbox).Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// lease takes the delivery at key for this sender when it is still due: its next
// attempt moves past the send's time limit. ok is false when it is not due (another
// sender leased it) or gone.
func (s *Store) lease(key []byte) (d delivery, ok bool, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		v := b.Get(key)
		if v == nil || json.Unmarshal(v, &d) != nil || d.NextAt.After(s.now()) {
			return nil
		}
		ok = true
		leased := d
		leased.NextAt = s.now().Add(lease)
		return putJSON(b, key, leased)
	})
	return d, ok, err
}

// deliverOne makes one attempt at delivery d and records its outcome.
func (s *Store) deliverOne(ctx context.Context, d delivery) error {
	q, err := s.Get(d.QueryID)
	var r *Run
	if err == nil {
		r, err = s.Run(d.QueryID, d.RunID)
	}
	switch {
	case isNotFound(err):
		return s.finish(d, nil, "") // the query or its run is gone
	case err == nil && q.Webhook == nil:
		return s.finish(d, r, "not sent: the webhook was removed")
	}
	if err != nil {
		return err
	}
	sendErr := s.notifier.send(ctx, q, r, fmt.Sprintf("%s-%d", d.QueryID, d.RunID))
	if ctx.Err() != nil {
		return ctx.Err() // stopped: the lease runs out and the delivery is retried
	}
	d.Attempts++
	switch {
	case sendErr == nil:
		return s.finish(d, r, fmt.Sprintf("delivered (%d attempts)", d.Attempts))
	case retryable(sendErr) && d.Attempts <= len(s.notifier.Delays):
		d.NextAt = s.now().Add(s.notifier.Delays[d.Attempts-1])
		r.Webhook = fmt.Sprintf("%s; retrying (attempt %d of %d)", deliveryError(sendErr), d.Attempts+1, len(s.notifier.Delays)+1)
		return s.update(func(tx *bolt.Tx) error {
			if err := putRunTx(tx, d.QueryID, r); err != nil && !isNotFound(err) {
				return err
			}
			return putJSON(tx.Bucket(bucketOutbox), d.key(), d)
		})
	default:
		return s.finish(d, r, fmt.Sprintf("failed after %d attempts: %s", d.Attempts, deliveryError(sendErr)))
	}
}

// finish takes d out of the outbox and records status on run r (when not nil).
func (s *Store) finish(d delivery, r *Run, status string) error {
	return s.update(func(tx *bolt.Tx) error {
		if r != nil {
			r.Webhook = status
			if err := putRunTx(tx, d.QueryID, r); err != nil && !isNotFound(err) {
				return err
			}
		}
		if b := tx.Bucket(bucketOutbox); b != nil {
			return b.Delete(d.key())
		}
		return nil
	})
}

// DeliverLoop sends deliveries as they fall due until ctx ends: as soon as this
// store queues one, when the next retry is due, and every minute for those other
// processes queued. Errors of the store are passed to logf.
func (s *Store) DeliverLoop(ctx context.Context, logf func(error)) {
	for {
		wait := time.Minute
		_, next, err := s.Deliver(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			logf(err)
		case !next.IsZero():
			wait = min(wait, max(time.Until(next), 10*time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// retryable reports whether a failed send may succeed later: a network failure, a
// 5xx or 429 answer; not a refused address or another 4xx answer.
func retryable(err error) bool {
	var se *statusError
	switch {
	case errors.Is(err, ErrForbiddenAddress):
		return false
	case errors.As(err, &se):
		return se.code >= 500 || se.code == 429
	}
	return true
}
