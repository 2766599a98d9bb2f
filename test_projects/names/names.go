// Package names has Go names of every kind that pep8_names renames (acronyms included), and
// //gobind:name lines, gopy's `gopy:name` lines and gopy's struct tag, which name one symbol each.
package names

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
)

// SayHi greets userName.
func SayHi(userName string) string { return "hi " + userName }

// ParseURL returns the scheme of rawURL.
func ParseURL(rawURL string) string { return strings.SplitN(rawURL, ":", 2)[0] }

// MD5Sum returns the hex MD5 of data.
func MD5Sum(data []byte) string {
	sum := md5.Sum(data)
	return hex.EncodeToString(sum[:])
}

// OldSum adds, under the name its directive gives.
//
//gobind:name legacy_sum
func OldSum(a, b int) int { return a + b }

// gopy:name greet_loudly
// Shout upper-cases s (named by gopy's spelling of the directive).
func Shout(s string) string { return strings.ToUpper(s) }

// Import's snake_case name is a Python keyword, so it gets a trailing _.
func Import() string { return "imported" }

// HTTPServer is a struct: its name stays CamelCase; its fields become snake_case.
type HTTPServer struct {
	ListenAddr string
	MaxConns   int
	UserID     int
	// Port is renamed by its directive.
	//gobind:name port_number
	Port int
	// HostName is renamed by gopy's struct tag.
	HostName   string `gopy:"host"`
	TLSEnabled bool   `json:"tls" gopy:"use_tls"`
}

// NewHTTPServer makes a server listening on listenAddr.
func NewHTTPServer(listenAddr string, maxConns int) *HTTPServer {
	return &HTTPServer{ListenAddr: listenAddr, MaxConns: maxConns, Port: 80, HostName: "localhost"}
}

// StartTLS turns TLS on and says so.
func (s *HTTPServer) StartTLS() string {
	s.TLSEnabled = true
	return "tls on " + s.ListenAddr
}

// UserIDs returns the user IDs from 1 to MaxConns.
func (s *HTTPServer) UserIDs() []int {
	ids := make([]int, s.MaxConns)
	for i := range ids {
		ids[i] = i + 1
	}
	return ids
}

// Addr returns host:port.
//
//gobind:name address
func (s *HTTPServer) Addr() string { return s.HostName + ":" + strconv.Itoa(s.Port) }

// ColorRGB is bound under the class name its directive gives.
//
//gobind:name Color
type ColorRGB struct{ R, G, B uint8 }

// HexCode returns #rrggbb.
func (c ColorRGB) HexCode() string { return "#" + hex.EncodeToString([]byte{c.R, c.G, c.B}) }

// Red makes a red ColorRGB.
func Red() ColorRGB { return ColorRGB{R: 255} }

// LogLevel is a named int: its constants are module constants and IntEnum members.
type LogLevel int

// The log levels.
const (
	LevelDebug LogLevel = iota
	LevelInfo
	// LevelSilent is renamed by its directive.
	//gobind:name QUIET
	LevelSilent
)

// MaxSize is a plain constant.
const MaxSize = 1024

// DefaultHTTPPort has an acronym inside.
const DefaultHTTPPort = 8080

// TheAnswer is renamed by its directive.
//
//gobind:name ANSWER
const TheAnswer = 42

// DefaultTimeout is a package variable.
var DefaultTimeout = 30

// RequestCount is renamed by its directive.
//
//gobind:name global_counter
var RequestCount int

// CountRequest adds one to RequestCount and returns it.
func CountRequest() int {
	RequestCount++
	return RequestCount
}

// Shape is implemented by Go and Python values: with pep8_names, Python objects define area_size.
type Shape interface {
	AreaSize() int
}

// TwiceArea calls the shape's AreaSize.
func TwiceArea(s Shape) int { return 2 * s.AreaSize() }

// ReadAll reads r to its end: a Python file object (its read) stands in for an io.Reader.
func ReadAll(r io.Reader) (string, error) {
	b, err := io.ReadAll(r)
	return string(b), err
}
