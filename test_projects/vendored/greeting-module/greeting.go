// Package greeting is the dependency of example.com/app (published by the tests as v0.1.0).
package greeting

import "fmt"

// Greet greets someone.
func Greet(name string) string {
	return fmt.Sprintf("greetings, %s", name)
}
