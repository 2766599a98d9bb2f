// The JSON schema gobind-inspect writes (versioned by schemaVersion).
package main

import ()

// Output schema.

type output struct {
	Schema        int         `json:"schema"`
	GoVersion     string      `json:"go_version"`
	Package       packageInfo `json:"package"`
	Files         []string    `json:"files"`
	Funcs         []funcDesc  `json:"funcs"`
	Types         []typeDecl  `json:"types"`
	ExternalTypes []typeDecl  `json:"external_types"`
	Consts        []constDesc `json:"consts"`
	Vars          []varDesc   `json:"vars"`
	Skipped       []skipped   `json:"skipped"`
	// BuildIDs maps the import path of the package and of each dependency to the content part
	// of its build ID (what `go list -export` compiled): the go-build step compares them to tell
	// whether the archive must be linked again.
	BuildIDs map[string]string `json:"build_ids,omitempty"`
}

type packageInfo struct {
	Path   string      `json:"path"`
	Name   string      `json:"name"`
	Doc    string      `json:"doc"`
	Dir    string      `json:"dir"`
	Module *moduleInfo `json:"module"`
}

type moduleInfo struct {
	Path      string `json:"path"`
	Dir       string `json:"dir"`
	GoVersion string `json:"go_version"`
}

type param struct {
	Name string   `json:"name"`
	Type typeNode `json:"type"`
}

type funcDesc struct {
	Name       string   `json:"name"`
	Doc        string   `json:"doc"`
	Params     []param  `json:"params"`
	Results    []param  `json:"results"`
	Variadic   bool     `json:"variadic"`
	TypeParams []string `json:"type_params"`
	// TypeArgs holds the type arguments of an instantiation of a generic function (Name is the
	// generic's name, Params and Results are substituted).
	TypeArgs []typeNode `json:"type_args,omitempty"`
	Pos      string     `json:"pos"`
	// StraightLine is set (and only then written) for a function or method declared in the
	// package whose body runs in short, bounded time and cannot block; see straightLine.
	StraightLine bool `json:"straight_line,omitempty"`
	// PanicFree is set (and only then written) for a straight-line body that cannot panic; see
	// panicFree.  gobind's export of such a function needs no deferred recover.
	PanicFree bool `json:"panic_free,omitempty"`
	// NoEscape lists the parameters of a straight-line body that Go memory never keeps past the
	// call (see noEscape), less those that a `//gobind:copy` line names: gobind passes them as
	// views of Python's memory, as `//gobind:borrow` would.
	NoEscape []string `json:"no_escape,omitempty"`
	// Goexit is set (and only then written) for a function or method declared in the package
	// that may end the calling goroutine with runtime.Goexit; see mayGoexit.
	Goexit bool `json:"goexit,omitempty"`
	// Borrow lists the parameters named by `//gobind:borrow` lines of the doc comment, as
	// written ("*" for a line that names none: every parameter that can be borrowed).
	Borrow []string `json:"borrow,omitempty"`
	// PyName is the Python name a `//gobind:name` (or gopy's `gopy:name`) line of the doc
	// comment gives, as written.
	PyName string `json:"py_name,omitempty"`
}

type methodDesc struct {
	funcDesc
	PointerReceiver bool   `json:"pointer_receiver"`
	PromotedFrom    string `json:"promoted_from"`
}

type typeDecl struct {
	Pkg        string   `json:"pkg"`
	Name       string   `json:"name"`
	Doc        string   `json:"doc"`
	Underlying typeNode `json:"underlying"`
	TypeParams []string `json:"type_params"`
	// TypeArgs holds the type arguments of an instantiation of a generic type (Name is the
	// generic's name; Underlying and Methods are substituted).
	TypeArgs []typeNode   `json:"type_args,omitempty"`
	Alias    bool         `json:"alias"`
	Methods  []methodDesc `json:"methods"`
	Pos      string       `json:"pos"`
	// Implementers lists, for an interface with unexported methods (which only Go types can
	// implement), the exported named types described here whose pointer implements it.
	Implementers []implementer `json:"implementers,omitempty"`
	PyName       string        `json:"py_name,omitempty"` // as funcDesc.PyName
}

type implementer struct {
	Pkg   string `json:"pkg"`
	Name  string `json:"name"`
	Value bool   `json:"value"` // T implements it too, not only *T
}

type constDesc struct {
	Name    string   `json:"name"`
	Doc     string   `json:"doc"`
	Type    typeNode `json:"type"`
	Untyped bool     `json:"untyped"`
	Kind    string   `json:"kind"`
	Value   string   `json:"value"`
	// ValueHex holds the bytes of a string constant that is not valid UTF-8, in hex (JSON
	// strings cannot carry them: Value then has U+FFFD in their place).
	ValueHex string `json:"value_hex,omitempty"`
	Pos      string `json:"pos"`
	PyName   string `json:"py_name,omitempty"` // as funcDesc.PyName
}

type varDesc struct {
	Name   string   `json:"name"`
	Doc    string   `json:"doc"`
	Type   typeNode `json:"type"`
	Pos    string   `json:"pos"`
	PyName string   `json:"py_name,omitempty"` // as funcDesc.PyName
}

type skipped struct {
	Symbol string `json:"symbol"`
	Reason string `json:"reason"`
}

// typeNode is one of the *xxxType structs below; each marshals to a JSON object with a "kind" key.
type typeNode interface{ kindName() string }

type kindTag struct {
	Kind string `json:"kind"`
}

// kindName reports the node's "kind" value.
func (k kindTag) kindName() string { return k.Kind }

type basicType struct {
	kindTag
	Name string `json:"name"`
}

type namedType struct {
	kindTag
	Pkg      string     `json:"pkg"`
	Name     string     `json:"name"`
	TypeArgs []typeNode `json:"type_args,omitempty"`
}

// elemType describes pointers and slices.
type elemType struct {
	kindTag
	Elem typeNode `json:"elem"`
}

type arrayType struct {
	kindTag
	Len  int64    `json:"len"`
	Elem typeNode `json:"elem"`
}

type mapType struct {
	kindTag
	Key  typeNode `json:"key"`
	Elem typeNode `json:"elem"`
}

type chanType struct {
	kindTag
	Dir  string   `json:"dir"`
	Elem typeNode `json:"elem"`
}

type funcType struct {
	kindTag
	Params   []param `json:"params"`
	Results  []param `json:"results"`
	Variadic bool    `json:"variadic"`
}

type structType struct {
	kindTag
	Fields []fieldDesc `json:"fields"`
}

type fieldDesc struct {
	Name     string   `json:"name"`
	Doc      string   `json:"doc"`
	Type     typeNode `json:"type"`
	Embedded bool     `json:"embedded"`
	Exported bool     `json:"exported"`
	Tag      string   `json:"tag"`
	PyName   string   `json:"py_name,omitempty"` // as funcDesc.PyName (gopy's struct tag stays in Tag)
}

type interfaceType struct {
	kindTag
	Methods           []funcDesc `json:"methods"`
	EmbedsNonmethod   bool       `json:"embeds_nonmethod"`
	UnexportedMethods bool       `json:"unexported_methods"`
}

type typeParamType struct {
	kindTag
	Name string `json:"name"`
}

// invalidType stands for a type the type checker could not resolve (in practice: cgo's C.xxx types).
type invalidType struct {
	kindTag
}
