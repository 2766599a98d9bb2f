// app greets through another Go module, for the distro-packaging tests.
package app

/*
#ifdef GOBIND_DISTRO_MARK
static int distro_mark(void) { return GOBIND_DISTRO_MARK; }
#else
static int distro_mark(void) { return 0; }
#endif
*/
import "C"

import "example.com/greeting"

// suffix is set with -ldflags=-X=example.com/app.suffix=... and extended by extra.go.
var suffix = ""

// Hello greets someone through example.com/greeting.
func Hello(name string) string {
	return greeting.Greet(name) + suffix
}

// Mark is GOBIND_DISTRO_MARK as cgo compiled it (CFLAGS=-DGOBIND_DISTRO_MARK=...), else 0.
func Mark() int {
	return int(C.distro_mark())
}
