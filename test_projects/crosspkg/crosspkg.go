// Package crosspkg uses types of other packages in its API: the standard library's time, bytes,
// net/url and io, and its own money and route packages.
package crosspkg

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"example.com/crosspkg/money"
	"example.com/crosspkg/route"
)

// Timeout is how long a request may take.
func Timeout() time.Duration { return 1500 * time.Millisecond }

// Twice doubles a duration.
func Twice(d time.Duration) time.Duration { return 2 * d }

// NewBuffer returns a buffer holding text.
func NewBuffer(text string) *bytes.Buffer { return bytes.NewBufferString(text) }

// Shout writes text in capitals into buf.
func Shout(buf *bytes.Buffer, text string) { buf.WriteString(strings.ToUpper(text)) }

// Parse parses a URL.
func Parse(raw string) (*url.URL, error) { return url.Parse(raw) }

// Host returns the host of a URL value.
func Host(u url.URL) string { return u.Host }

// Greet writes a greeting to w, in pieces, and returns how many bytes it wrote.
func Greet(w io.Writer, name string) (int, error) {
	n, err := fmt.Fprintf(w, "hello, ")
	if err != nil {
		return n, err
	}
	m, err := fmt.Fprintf(w, "%s!\n", name)
	return n + m, err
}

// CountBytes reads r to the end and returns how many bytes it had.
func CountBytes(r io.Reader) (int64, error) { return io.Copy(io.Discard, r) }

// Upper reads all of r and returns it in capitals.
func Upper(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	return strings.ToUpper(string(data)), err
}

// Price is a named amount in the money package.
func Price(name string) money.Amount {
	if name == "tea" {
		return money.Cents(250)
	}
	return money.Cents(100)
}

// Total adds up the amounts in a wallet.
func Total(w *money.Wallet) money.Amount { return w.Sum() }

// Commute is the way to work: a trip of two legs.
func Commute() *route.Trip {
	home := route.Stop{Name: "home", Pos: route.Point{X: 0, Y: 0}}
	shop := route.Stop{Name: "shop", Pos: route.Point{X: 3, Y: 4}}
	work := route.Stop{Name: "work", Pos: route.Point{X: 3, Y: 10}}
	return &route.Trip{Name: "commute", Legs: []route.Leg{{From: home, To: shop}, {From: shop, To: work}}}
}
