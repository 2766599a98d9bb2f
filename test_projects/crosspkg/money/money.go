// Package money counts amounts of cents.
package money

import "fmt"

// Amount is an amount of money in cents.
type Amount int64

// String formats the amount as units and cents.
func (a Amount) String() string { return fmt.Sprintf("%d.%02d", a/100, a%100) }

// Cents makes an Amount.
func Cents(n int64) Amount { return Amount(n) }

// Wallet holds amounts.
type Wallet struct {
	Owner string
	Items []Amount
}

// Add puts an amount into the wallet.
func (w *Wallet) Add(a Amount) { w.Items = append(w.Items, a) }

// Sum adds up the wallet.
func (w *Wallet) Sum() Amount {
	var s Amount
	for _, a := range w.Items {
		s += a
	}
	return s
}

// NewWallet makes an empty wallet for owner.
func NewWallet(owner string) *Wallet { return &Wallet{Owner: owner} }

// Currency is the currency of every amount.
const Currency = "EUR"

// Fee is charged on every payment, in cents.
var Fee Amount = 25

// Pay is what paying an amount costs, with the fee.
func Pay(a Amount) Amount { return a + Fee }
