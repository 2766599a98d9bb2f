// Package funcvals returns, stores and calls Go func values (test project of gobind).
package funcvals

import (
	"errors"
	"reflect"
	"strconv"
)

// Adder returns a func that adds n.
func Adder(n int) func(int) int {
	return func(x int) int { return x + n }
}

// Parser returns a func that parses an int, with an error for bad text.
func Parser() func(string) (int, error) {
	return strconv.Atoi
}

// Bomb returns a func that panics.
func Bomb() func() {
	return func() { panic("boom") }
}

// Nothing returns a nil func.
func Nothing() func(int) int {
	return nil
}

// HandlerFunc is a named func type.
type HandlerFunc func(name string) string

// Greeter returns a HandlerFunc.
func Greeter(greeting string) HandlerFunc {
	return func(name string) string { return greeting + ", " + name }
}

// Serve calls h with name.
func Serve(h HandlerFunc, name string) string {
	return h(name)
}

// Op holds a func in a field.
type Op struct {
	Name string
	F    func(int, int) int
}

// Apply calls o.F, or fails when it is nil.
func (o *Op) Apply(a, b int) (int, error) {
	if o.F == nil {
		return 0, errors.New("no func")
	}
	return o.F(a, b), nil
}

// Sum is an Op adding.
func Sum() *Op {
	return &Op{Name: "sum", F: func(a, b int) int { return a + b }}
}

// Hook is a package variable of func type, called by Fire.
var Hook func(string) string

// Handler is a package variable of a named func type.
var Handler HandlerFunc = func(name string) string { return "hi " + name }

// Fire calls Hook later (after Python stored it), or reports none.
func Fire(event string) string {
	if Hook == nil {
		return "no hook"
	}
	return Hook(event)
}

// FireApart calls Hook on a goroutine of its own and waits for it.
func FireApart(event string) string {
	done := make(chan string)
	go func() { done <- Hook(event) }()
	return <-done
}

// HandlerSays calls Handler (whatever Python stored there).
func HandlerSays(name string) string {
	return Handler(name)
}

func double(x int) int { return 2 * x }

// Double returns a plain Go func.
func Double() func(int) int { return double }

// IsDouble reports whether f is Double's func itself (not a func that calls it).
func IsDouble(f func(int) int) bool {
	return f != nil && reflect.ValueOf(f).Pointer() == reflect.ValueOf(double).Pointer()
}

// Transform is a package variable of an unnamed func type.
var Transform func(int) int

// TransformIsDouble reports whether Transform holds Double's func itself.
func TransformIsDouble() bool { return IsDouble(Transform) }

// Shout is a method of a func type: a method of the HandlerFunc class.
func (h HandlerFunc) Shout(name string) string { return h(name) + "!" }
