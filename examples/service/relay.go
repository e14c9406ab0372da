package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/slaclock/slaclock/sla"
)

// A Delivery is one transition of the outbox, as the relay sends it. Its
// key (ticket, seq, n) names it for good: a relay that crashed between
// sending a delivery and marking it sent sends it again with the same key,
// so the receiver can drop the repeat.
type Delivery struct {
	Ticket     string          `json:"ticket"`
	Seq        int64           `json:"seq"`
	N          int             `json:"n"`
	Transition json.RawMessage `json:"transition"`
}

// A Sender delivers a batch of transitions, all or none: an error means
// none is taken as delivered, and they are sent again.
type Sender func(ctx context.Context, batch []Delivery) error

// errDelivery wraps a Sender's error: the batch waits for the next round.
var errDelivery = errors.New("delivery failed")

// Relay sends up to limit transitions of the outbox that are not yet sent,
// in the order of their keys, and marks them sent; it returns how many it
// sent. Each transition leaves the outbox once, unless the process dies
// between the send and the mark: then the batch is sent again.
func (s *Store) Relay(ctx context.Context, send Sender, limit int) (int, error) {
	if !s.postgres {
		// SQLite has one writer: read, send, then mark in a short write
		// transaction, so that a slow receiver never holds the database.
		// One relay per database, as the database is one process's.
		batch, err := unsent(ctx, s.read, false, limit)
		if err != nil || len(batch) == 0 {
			return 0, err
		}
		if err := send(ctx, batch); err != nil {
			return 0, fmt.Errorf("%w: %v", errDelivery, err)
		}
		tx, err := s.write.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		defer tx.Rollback()
		if err := markSent(ctx, tx, batch); err != nil {
			return 0, err
		}
		return len(batch), tx.Commit()
	}
	// PostgreSQL: claim the rows (other relays skip them), send, mark them
	// sent and commit; a relay that dies before the commit releases them.
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	batch, err := unsent(ctx, tx, true, limit)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	if err := send(ctx, batch); err != nil {
		return 0, fmt.Errorf("%w: %v", errDelivery, err)
	}
	if err := markSent(ctx, tx, batch); err != nil {
		return 0, err
	}
	return len(batch), tx.Commit()
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// unsent reads the first transitions not yet sent; lock claims them.
func unsent(ctx context.Context, q querier, lock bool, limit int) ([]Delivery, error) {
	query := `SELECT ticket_id, seq, n, transition FROM sla_outbox WHERE NOT sent
		ORDER BY ticket_id, seq, n LIMIT $1`
	if lock {
		query += ` FOR UPDATE SKIP LOCKED`
	}
	rows, err := q.QueryContext(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var batch []Delivery
	for rows.Next() {
		var d Delivery
		var t []byte
		if err := rows.Scan(&d.Ticket, &d.Seq, &d.N, &t); err != nil {
			return nil, err
		}
		d.Transition = t
		batch = append(batch, d)
	}
	return batch, rows.Err()
}

func markSent(ctx context.Context, tx *sql.Tx, batch []Delivery) error {
	for _, d := range batch {
		if _, err := tx.ExecContext(ctx, `UPDATE sla_outbox SET sent = TRUE
			WHERE ticket_id = $1 AND seq = $2 AND n = $3`, d.Ticket, d.Seq, d.N); err != nil {
			return err
		}
	}
	return nil
}

// Webhook returns a Sender that POSTs each batch to url as
// {"deliveries": [Delivery...]}, with the header Slaclock-Relay naming
// the sending process; any answer but 2xx leaves the batch to be sent
// again.
func Webhook(client *http.Client, url, name string) Sender {
	return func(ctx context.Context, batch []Delivery) error {
		body, err := json.Marshal(map[string][]Delivery{"deliveries": batch})
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Slaclock-Relay", name)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("delivering to %s: %s", url, resp.Status)
		}
		return nil
	}
}

// Printer returns a Sender that writes each transition as a line to w:
// what the service does when it has no webhook to deliver to.
func Printer(w io.Writer) Sender {
	return func(ctx context.Context, batch []Delivery) error {
		for _, d := range batch {
			var t sla.Transition
			if err := json.Unmarshal(d.Transition, &t); err != nil {
				return err
			}
			if _, err := fmt.Fprintf(w, "%s %s\n", d.Ticket, t); err != nil {
				return err
			}
		}
		return nil
	}
}
