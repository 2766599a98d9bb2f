// Package hostileinit has init functions that take a while and show that they ran.
package hostileinit

import (
	"fmt"
	"os"
	"time"
)

// Steps lists the init functions that ran, in order.
var Steps []string

func init() {
	time.Sleep(300 * time.Millisecond)
	Steps = append(Steps, "first")
}

func init() {
	Steps = append(Steps, "second")
	fmt.Fprintln(os.Stdout, "hostileinit: init done")
}

// Count reports how many init functions ran.
func Count() int { return len(Steps) }
