// Command gobind-inspect loads one Go package with go/types and prints a JSON description of its exported API.
package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// schemaVersion is bumped whenever the JSON layout changes incompatibly.
const schemaVersion = 1

const usage = "usage: gobind-inspect [-dir DIR] [-tags TAGS] [-o FILE] IMPORTPATH"

// ---------------------------------------------------------------------------
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
	Pos        string   `json:"pos"`
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
}

type methodDesc struct {
	funcDesc
	PointerReceiver bool   `json:"pointer_receiver"`
	PromotedFrom    string `json:"promoted_from"`
}

type typeDecl struct {
	Pkg        string       `json:"pkg"`
	Name       string       `json:"name"`
	Doc        string       `json:"doc"`
	Underlying typeNode     `json:"underlying"`
	TypeParams []string     `json:"type_params"`
	Alias      bool         `json:"alias"`
	Methods    []methodDesc `json:"methods"`
	Pos        string       `json:"pos"`
	// Implementers lists, for an interface with unexported methods (which only Go types can
	// implement), the exported named types described here whose pointer implements it.
	Implementers []implementer `json:"implementers,omitempty"`
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
}

type varDesc struct {
	Name string   `json:"name"`
	Doc  string   `json:"doc"`
	Type typeNode `json:"type"`
	Pos  string   `json:"pos"`
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

// ---------------------------------------------------------------------------
// `go list` and `go env` data.

type listPackage struct {
	Dir          string
	ImportPath   string
	Name         string
	Export       string
	BuildID      string
	Standard     bool
	DepOnly      bool
	Module       *listModule
	GoFiles      []string
	CgoFiles     []string
	CFiles       []string
	CXXFiles     []string
	MFiles       []string
	HFiles       []string
	FFiles       []string
	SFiles       []string
	SwigFiles    []string
	SwigCXXFiles []string
	SysoFiles    []string
	EmbedFiles   []string
	ImportMap    map[string]string
	Error        *listError
	DepsErrors   []*listError
}

type listModule struct {
	Path      string
	Dir       string
	GoMod     string
	GoVersion string
	Main      bool
	Replace   *listModule
}

type listError struct {
	ImportStack []string
	Pos         string
	Err         string
}

type goEnv struct {
	GOVERSION string
	GOROOT    string
	GOARCH    string
	GOMOD     string
	GOWORK    string
}

type options struct {
	dir, tags, out, pattern string
}

// ---------------------------------------------------------------------------
// Command line and top-level flow.

// main parses the command line, runs the inspection and maps failures to exit codes.
func main() {
	opts, err := parseArgs(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fmt.Println(usage)
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gobind-inspect: %v\n%s\n", err, usage)
		os.Exit(2)
	}
	if err := run(opts); err != nil {
		fmt.Fprintf(os.Stderr, "gobind-inspect: %v\n", err)
		os.Exit(1)
	}
}

// parseArgs reads the flags (allowed before or after the import path) and the single import path.
func parseArgs(args []string) (options, error) {
	var opts options
	fs := flag.NewFlagSet("gobind-inspect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&opts.dir, "dir", "", "working directory for the go command (default: current directory)")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build tags")
	fs.StringVar(&opts.out, "o", "", "write the JSON to this file instead of stdout")
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return opts, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		return opts, fmt.Errorf("expected exactly one import path, got %d", len(positional))
	}
	opts.pattern = positional[0]
	return opts, nil
}

// run loads the package, describes it and writes the JSON.
func run(opts options) error {
	env, err := loadGoEnv(opts.dir)
	if err != nil {
		return err
	}
	pkgs, target, err := loadPackages(opts)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	files, err := parseFiles(fset, target)
	if err != nil {
		return fmt.Errorf("cannot load package %q: %v", target.ImportPath, err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	tpkg, err := typeCheck(fset, target, files, pkgs, env, info)
	if err != nil {
		return fmt.Errorf("cannot load package %q: %v", target.ImportPath, err)
	}
	in := newInspector(fset, tpkg, target, pkgs)
	in.info = info
	for _, f := range files {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				in.bodies[fd.Name.Pos()] = fd.Body
			}
		}
	}
	in.indexFiles(target.ImportPath, files, true)
	out := in.describe(files)
	out.GoVersion = env.GOVERSION
	out.Files = buildFiles(pkgs, env)
	out.BuildIDs = contentIDs(pkgs)
	return writeOutput(out, opts.out)
}

// writeOutput encodes the result as 2-space indented JSON and writes it to path or stdout.
func writeOutput(out *output, path string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if path == "" {
		_, err := os.Stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// ---------------------------------------------------------------------------
// Running the go command.

// runGo runs `go args...` in dir; ok is false if go exited with an error, err is set if it could not run at all.
func runGo(dir string, args ...string) (stdout, stderr []byte, ok bool, err error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout = &o
	cmd.Stderr = &e
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.Is(runErr, exec.ErrNotFound):
		return nil, nil, false, errors.New("the go command was not found on PATH; install Go 1.21 or newer (https://go.dev/dl/)")
	case runErr != nil && !errors.As(runErr, &exitErr):
		return nil, nil, false, fmt.Errorf("cannot run the go command: %v", runErr)
	}
	return o.Bytes(), e.Bytes(), runErr == nil, nil
}

// loadGoEnv asks the go command for the toolchain version and paths.
func loadGoEnv(dir string) (goEnv, error) {
	var env goEnv
	out, stderr, ok, err := runGo(dir, "env", "-json", "GOVERSION", "GOROOT", "GOARCH", "GOMOD", "GOWORK")
	if err != nil {
		return env, err
	}
	if !ok {
		return env, fmt.Errorf("go env failed: %s", oneLine(string(stderr)))
	}
	if err := json.Unmarshal(out, &env); err != nil {
		return env, fmt.Errorf("cannot parse go env output: %v", err)
	}
	return env, nil
}

// loadPackages runs `go list -deps -export` and returns all packages plus the single target package.
func loadPackages(opts options) ([]*listPackage, *listPackage, error) {
	// -trimpath and -buildmode=c-archive as in the build step (c-archive compiles every package
	// with -shared), so the export data of the package and its dependencies is the same
	// build-cache entry that `go build` then reuses instead of compiling the package again.
	args := []string{"list", "-e", "-json", "-deps", "-export", "-trimpath", "-buildmode=c-archive"}
	if opts.tags != "" {
		args = append(args, "-tags", opts.tags)
	}
	args = append(args, "--", opts.pattern)
	out, stderr, ok, err := runGo(opts.dir, args...)
	if err != nil {
		return nil, nil, err
	}
	fail := func(msg string) error {
		return fmt.Errorf("cannot load package %q: %s", opts.pattern, msg)
	}
	var pkgs []*listPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listPackage)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fail("cannot parse go list output: " + err.Error())
		}
		pkgs = append(pkgs, p)
	}
	var targets []*listPackage
	for _, p := range pkgs {
		if !p.DepOnly {
			targets = append(targets, p)
		}
	}
	switch {
	case len(targets) == 0 && !ok:
		return nil, nil, fail(oneLine(string(stderr)))
	case len(targets) == 0:
		return nil, nil, fail("no package matches this pattern")
	case len(targets) > 1:
		var names []string
		for _, t := range targets {
			names = append(names, t.ImportPath)
		}
		sort.Strings(names)
		return nil, nil, fail(fmt.Sprintf("pattern matches %d packages (%s); name exactly one", len(targets), strings.Join(names, ", ")))
	}
	target := targets[0]
	if msg := loadErrorText(target, pkgs); msg != "" {
		return nil, nil, fmt.Errorf("cannot load package %q: %s", target.ImportPath, msg)
	}
	if !ok {
		return nil, nil, fmt.Errorf("cannot load package %q: %s", target.ImportPath, oneLine(string(stderr)))
	}
	if target.Name == "main" {
		return nil, nil, fmt.Errorf("cannot bind package %q: it is a main package (a command), not a library", target.ImportPath)
	}
	return pkgs, target, nil
}

// loadErrorText returns the first error go list reported for the target or its dependencies, as one line.
func loadErrorText(target *listPackage, pkgs []*listPackage) string {
	if target.Error != nil {
		return errorText(target.Error)
	}
	for _, p := range pkgs {
		if p != target && p.Error != nil {
			return fmt.Sprintf("dependency %q: %s", p.ImportPath, errorText(p.Error))
		}
	}
	for _, e := range target.DepsErrors {
		return errorText(e)
	}
	return ""
}

// errorText renders a go list error as one line, with its position when go reported one separately.
func errorText(e *listError) string {
	msg := oneLine(e.Err)
	if e.Pos != "" && !strings.HasPrefix(msg, e.Pos) {
		msg = e.Pos + ": " + msg
	}
	return msg
}

// oneLine squeezes a multi-line go command message into one line, dropping "# pkg" headers.
func oneLine(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "# ") {
			continue
		}
		if b.Len() > 0 {
			if strings.HasSuffix(b.String(), ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(line)
	}
	if b.Len() == 0 {
		return "unknown error from the go command"
	}
	return b.String()
}

// buildFiles lists, sorted, every non-GOROOT file the build reads, plus go.mod/go.sum/go.work files.
func buildFiles(pkgs []*listPackage, env goEnv) []string {
	set := map[string]bool{}
	for _, p := range pkgs {
		if p.Standard {
			continue
		}
		lists := [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.CXXFiles, p.MFiles, p.HFiles, p.FFiles,
			p.SFiles, p.SwigFiles, p.SwigCXXFiles, p.SysoFiles, p.EmbedFiles}
		for _, list := range lists {
			for _, name := range list {
				set[absIn(p.Dir, name)] = true
			}
		}
		if p.Module != nil && p.Module.GoMod != "" {
			set[p.Module.GoMod] = true
		}
	}
	for _, f := range []string{env.GOMOD, env.GOWORK} {
		if f == "" || f == os.DevNull || f == "off" {
			continue
		}
		set[f] = true
		sum := f + ".sum" // go.work -> go.work.sum
		if strings.HasSuffix(f, ".mod") {
			sum = strings.TrimSuffix(f, ".mod") + ".sum" // go.mod -> go.sum
		}
		if _, err := os.Stat(sum); err == nil {
			set[sum] = true
		}
	}
	if env.GOMOD != "" && env.GOMOD != os.DevNull {
		modules := filepath.Join(filepath.Dir(env.GOMOD), "vendor", "modules.txt")
		if _, err := os.Stat(modules); err == nil {
			set[modules] = true
		}
	}
	files := []string{}
	root := filepath.Clean(env.GOROOT) + string(filepath.Separator)
	for f := range set {
		if env.GOROOT != "" && strings.HasPrefix(f, root) {
			continue
		}
		files = append(files, f)
	}
	sort.Strings(files)
	return files
}

// contentIDs maps each package with a build ID to the content part of it ("actionID/contentID"):
// a hash of the compiled package, which an edit that changes no code (a comment) leaves alone.
func contentIDs(pkgs []*listPackage) map[string]string {
	ids := map[string]string{}
	for _, p := range pkgs {
		if i := strings.LastIndexByte(p.BuildID, '/'); i >= 0 {
			ids[p.ImportPath] = p.BuildID[i+1:]
		}
	}
	return ids
}

// absIn joins name to dir unless it is already absolute.
func absIn(dir, name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(dir, name)
}

// ---------------------------------------------------------------------------
// Parsing and type checking.

// parseFiles parses the target's Go and cgo files in file name order.
func parseFiles(fset *token.FileSet, p *listPackage) ([]*ast.File, error) {
	names := append(append([]string{}, p.GoFiles...), p.CgoFiles...)
	sort.Strings(names)
	var files []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, absIn(p.Dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// mappedImporter resolves source import paths through the target's ImportMap (vendoring) before importing.
type mappedImporter struct {
	gc        types.Importer
	importMap map[string]string
}

// Import implements types.Importer; a panic while decoding export data becomes an error.
func (m *mappedImporter) Import(path string) (pkg *types.Package, err error) {
	if real, ok := m.importMap[path]; ok {
		path = real
	}
	defer func() {
		if r := recover(); r != nil {
			pkg, err = nil, fmt.Errorf("cannot read export data of %q (%v); "+
				"gobind-inspect was built with %s: rebuild it with the Go toolchain that runs go list", path, r, runtime.Version())
		}
	}()
	return m.gc.Import(path)
}

// typeCheck type-checks the target against the export data that go list produced for its dependencies.
func typeCheck(fset *token.FileSet, target *listPackage, files []*ast.File, pkgs []*listPackage, env goEnv, info *types.Info) (*types.Package, error) {
	exports := map[string]string{}
	for _, p := range pkgs {
		exports[p.ImportPath] = p.Export
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file := exports[path]
		if file == "" {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	}
	var errs []error
	conf := types.Config{
		Importer:    &mappedImporter{gc: importer.ForCompiler(fset, "gc", lookup), importMap: target.ImportMap},
		FakeImportC: true,
		GoVersion:   langVersion(target.Module),
		Sizes:       types.SizesFor("gc", env.GOARCH),
		Error:       func(err error) { errs = append(errs, err) },
	}
	pkg, _ := conf.Check(target.ImportPath, fset, files, info)
	// With FakeImportC, uses of C.xxx are not fully checked; the go command already compiled
	// cgo packages for real, so any complaints here are artefacts and are ignored.
	if len(errs) > 0 && len(target.CgoFiles) == 0 {
		msg := "type error: " + errs[0].Error()
		if len(errs) > 1 {
			msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
		}
		return nil, errors.New(msg)
	}
	return pkg, nil
}

// langVersion returns the "goX.Y" language version from the module's go directive, or "".
func langVersion(m *listModule) string {
	if m == nil {
		return ""
	}
	v := m.GoVersion
	if m.Replace != nil && m.Replace.GoVersion != "" {
		v = m.Replace.GoVersion
	}
	if v == "" {
		return ""
	}
	return "go" + v
}

// ---------------------------------------------------------------------------
// Describing the package.

// inspector turns go/types objects into the output schema.
type inspector struct {
	fset    *token.FileSet
	pkg     *types.Package
	target  *listPackage
	cgo     bool
	sources map[string]*listPackage // go list data by import path, to find external sources for docs
	docs    map[string]string       // doc comments keyed by docKey
	borrows map[string][]string     // `//gobind:borrow` names of funcs and methods, keyed by docKey
	copies  map[string][]string     // `//gobind:copy` names of funcs and methods, keyed by docKey
	indexed map[string]bool         // import paths whose sources are already in docs
	seen    map[string]bool         // external named types already queued, by "path.Name"
	queue   []*types.TypeName       // external named types still to describe
	mute    int                     // > 0 while converting types that are not part of the API
	skipped []skipped
	info    *types.Info                  // uses and types of the target's expressions (function bodies)
	bodies  map[token.Pos]*ast.BlockStmt // bodies of the target's funcs and methods, by name position
	goexits map[*types.Func]bool         // mayGoexit's answers
}

// newInspector prepares an inspector for the type-checked target package.
func newInspector(fset *token.FileSet, pkg *types.Package, target *listPackage, pkgs []*listPackage) *inspector {
	in := &inspector{
		fset:    fset,
		pkg:     pkg,
		target:  target,
		cgo:     len(target.CgoFiles) > 0,
		sources: map[string]*listPackage{},
		docs:    map[string]string{},
		borrows: map[string][]string{},
		copies:  map[string][]string{},
		indexed: map[string]bool{},
		seen:    map[string]bool{},
		bodies:  map[token.Pos]*ast.BlockStmt{},
		goexits: map[*types.Func]bool{},
	}
	for _, p := range pkgs {
		in.sources[p.ImportPath] = p
	}
	return in
}

// describe builds the whole output for the target package.
func (in *inspector) describe(files []*ast.File) *output {
	out := &output{
		Schema:        schemaVersion,
		Package:       in.packageInfo(files),
		Funcs:         []funcDesc{},
		Types:         []typeDecl{},
		ExternalTypes: []typeDecl{},
		Consts:        []constDesc{},
		Vars:          []varDesc{},
	}
	var described []*types.TypeName // in the order of out.Types, then out.ExternalTypes
	scope := in.pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Func:
			f := in.funcDesc(obj)
			if funcHasInvalid(f) {
				in.skip(name, "its signature uses a type the type checker could not resolve")
				continue
			}
			out.Funcs = append(out.Funcs, f)
		case *types.TypeName:
			if d, ok := in.typeDecl(obj); ok {
				out.Types = append(out.Types, d)
				described = append(described, obj)
				in.queueImplementers(obj)
			}
		case *types.Const:
			if c, ok := in.constDesc(obj); ok {
				out.Consts = append(out.Consts, c)
			}
		case *types.Var:
			v := varDesc{Name: name, Doc: in.docFor(obj), Type: in.typeOf(obj.Type()), Pos: in.pos(obj.Pos())}
			if hasInvalid(v.Type, true) {
				in.skip(name, "its type could not be resolved by the type checker")
				continue
			}
			out.Vars = append(out.Vars, v)
		}
	}
	for len(in.queue) > 0 {
		tn := in.queue[0]
		in.queue = in.queue[1:]
		if d, ok := in.typeDecl(tn); ok {
			out.ExternalTypes = append(out.ExternalTypes, d)
			described = append(described, tn)
			in.queueImplementers(tn)
		}
	}
	setImplementers(out, described)
	sort.Slice(out.ExternalTypes, func(i, j int) bool {
		a, b := out.ExternalTypes[i], out.ExternalTypes[j]
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		return a.Name < b.Name
	})
	sort.Slice(in.skipped, func(i, j int) bool {
		a, b := in.skipped[i], in.skipped[j]
		if a.Symbol != b.Symbol {
			return a.Symbol < b.Symbol
		}
		return a.Reason < b.Reason
	})
	out.Skipped = append([]skipped{}, in.skipped...)
	return out
}

// setImplementers fills in the Implementers of each described interface with unexported methods:
// the described exported named types (other than interfaces) whose pointer implements it.
// described holds the objects of out.Types followed by those of out.ExternalTypes.
func setImplementers(out *output, described []*types.TypeName) {
	decls := make([]*typeDecl, 0, len(described))
	for i := range out.Types {
		decls = append(decls, &out.Types[i])
	}
	for i := range out.ExternalTypes {
		decls = append(decls, &out.ExternalTypes[i])
	}
	for i, tn := range described {
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || tn.IsAlias() || declTypeParams(tn).Len() > 0 || !iface.IsMethodSet() || !hasUnexported(iface) {
			continue
		}
		for _, cand := range described {
			if implementsSealed(cand, iface) {
				decls[i].Implementers = append(decls[i].Implementers, implementer{Pkg: cand.Pkg().Path(),
					Name: cand.Name(), Value: types.Implements(cand.Type(), iface)})
			}
		}
		sort.Slice(decls[i].Implementers, func(a, b int) bool {
			x, y := decls[i].Implementers[a], decls[i].Implementers[b]
			return x.Pkg < y.Pkg || x.Pkg == y.Pkg && x.Name < y.Name
		})
	}
}

// queueImplementers queues, for an interface with unexported methods, the exported types of the
// packages declaring those methods that implement it: its values can only be of those types (or
// unexported ones), so they belong to what the API reaches.
func (in *inspector) queueImplementers(tn *types.TypeName) {
	iface, ok := tn.Type().Underlying().(*types.Interface)
	if !ok || tn.IsAlias() || declTypeParams(tn).Len() > 0 || !iface.IsMethodSet() {
		return
	}
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		if m.Exported() || m.Pkg() == nil || m.Pkg() == in.pkg {
			continue
		}
		scope := m.Pkg().Scope()
		for _, name := range scope.Names() {
			if cand, isType := scope.Lookup(name).(*types.TypeName); isType && implementsSealed(cand, iface) {
				in.record(cand)
			}
		}
	}
}

// implementsSealed reports whether tn is an exported, non-generic defined type (not an interface)
// whose pointer implements iface.
func implementsSealed(tn *types.TypeName, iface *types.Interface) bool {
	if _, isIface := tn.Type().Underlying().(*types.Interface); isIface || !tn.Exported() || tn.IsAlias() {
		return false
	}
	return declTypeParams(tn).Len() == 0 && types.Implements(types.NewPointer(tn.Type()), iface)
}

// hasUnexported reports whether an interface has unexported methods.
func hasUnexported(t *types.Interface) bool {
	for i := 0; i < t.NumMethods(); i++ {
		if !t.Method(i).Exported() {
			return true
		}
	}
	return false
}

// packageInfo describes the package itself; its doc is the package comments of all files in name order.
func (in *inspector) packageInfo(files []*ast.File) packageInfo {
	var docs []string
	for _, f := range files {
		if d := commentText(f.Doc); d != "" {
			docs = append(docs, d)
		}
	}
	info := packageInfo{
		Path: in.target.ImportPath,
		Name: in.pkg.Name(),
		Doc:  strings.Join(docs, "\n"),
		Dir:  in.target.Dir,
	}
	if m := in.target.Module; m != nil {
		info.Module = &moduleInfo{Path: m.Path, Dir: m.Dir, GoVersion: strings.TrimPrefix(langVersion(m), "go")}
	}
	return info
}

// skip records a symbol that cannot be described.
func (in *inspector) skip(symbol, reason string) {
	if in.cgo {
		reason += " (probably a cgo C.* type)"
	}
	in.skipped = append(in.skipped, skipped{Symbol: symbol, Reason: reason})
}

// typeDecl describes a named type (or alias) with its method set; ok is false if it had to be skipped.
func (in *inspector) typeDecl(tn *types.TypeName) (typeDecl, bool) {
	actual := unalias(tn.Type())
	d := typeDecl{
		Pkg:        tn.Pkg().Path(),
		Name:       tn.Name(),
		Doc:        in.docFor(tn),
		TypeParams: typeParamNames(declTypeParams(tn)),
		Alias:      tn.IsAlias(),
		Pos:        in.pos(tn.Pos()),
	}
	if d.Alias {
		d.Underlying = in.typeOf(actual)
	} else {
		d.Underlying = in.typeOf(actual.Underlying())
	}
	if hasInvalid(d.Underlying, false) {
		in.skip(tn.Name(), "its definition uses a type the type checker could not resolve")
		return d, false
	}
	d.Methods = []methodDesc{}
	for _, m := range in.methodsOf(actual) {
		if funcHasInvalid(m.funcDesc) {
			in.skip(tn.Name()+"."+m.Name, "its signature uses a type the type checker could not resolve")
			continue
		}
		d.Methods = append(d.Methods, m)
	}
	return d, true
}

// declTypeParams returns the type parameters declared by a named type or generic alias, if any.
func declTypeParams(tn *types.TypeName) *types.TypeParamList {
	t := tn.Type()
	if tn.IsAlias() && unalias(t) == t {
		return nil // alias not materialized (Go < 1.23): t is the target type, not the alias
	}
	if g, ok := t.(interface{ TypeParams() *types.TypeParamList }); ok {
		return g.TypeParams()
	}
	return nil
}

// methodsOf lists the exported methods of *T (or of the interface T), sorted by name.
func (in *inspector) methodsOf(t types.Type) []methodDesc {
	methods := []methodDesc{}
	if iface, ok := t.Underlying().(*types.Interface); ok {
		for i := 0; i < iface.NumMethods(); i++ {
			if m := iface.Method(i); m.Exported() {
				methods = append(methods, methodDesc{funcDesc: in.funcDesc(m)})
			}
		}
	} else {
		valueSet := types.NewMethodSet(t)
		ptrSet := valueSet
		if _, isPtr := t.(*types.Pointer); !isPtr {
			ptrSet = types.NewMethodSet(types.NewPointer(t))
		}
		for i := 0; i < ptrSet.Len(); i++ {
			sel := ptrSet.At(i)
			fn, ok := sel.Obj().(*types.Func)
			if !ok || !fn.Exported() {
				continue
			}
			methods = append(methods, methodDesc{
				funcDesc:        in.funcDesc(fn),
				PointerReceiver: valueSet.Lookup(fn.Pkg(), fn.Name()) == nil,
				PromotedFrom:    embedPath(t, sel.Index()),
			})
		}
	}
	sort.Slice(methods, func(i, j int) bool { return methods[i].Name < methods[j].Name })
	return methods
}

// embedPath names the chain of embedded fields a promoted method comes through ("" if declared on T).
func embedPath(t types.Type, index []int) string {
	var names []string
	for _, i := range index[:len(index)-1] {
		st, ok := derefUnderlying(t).(*types.Struct)
		if !ok || i >= st.NumFields() {
			break
		}
		f := st.Field(i)
		names = append(names, f.Name())
		t = f.Type()
	}
	return strings.Join(names, ".")
}

// derefUnderlying returns the underlying type of t, looking through one pointer.
func derefUnderlying(t types.Type) types.Type {
	u := t.Underlying()
	if p, ok := u.(*types.Pointer); ok {
		return p.Elem().Underlying()
	}
	return u
}

// constDesc describes a constant; ok is false if it had to be skipped.
func (in *inspector) constDesc(c *types.Const) (constDesc, bool) {
	t := c.Type()
	b, ok := t.Underlying().(*types.Basic)
	if !ok || b.Kind() == types.Invalid {
		in.skip(c.Name(), "its type could not be resolved by the type checker")
		return constDesc{}, false
	}
	untyped := b.Info()&types.IsUntyped != 0
	if untyped {
		t = types.Default(t)
		b = t.Underlying().(*types.Basic)
	}
	kind, value, ok := constValue(c.Val(), b)
	if !ok {
		in.skip(c.Name(), "its value is unknown")
		return constDesc{}, false
	}
	d := constDesc{
		Name:    c.Name(),
		Doc:     in.docFor(c),
		Type:    in.typeOf(t),
		Untyped: untyped,
		Kind:    kind,
		Value:   value,
		Pos:     in.pos(c.Pos()),
	}
	if kind == "string" && !utf8.ValidString(value) {
		d.ValueHex = hex.EncodeToString([]byte(value))
	}
	return d, true
}

// constValue renders a constant's value as text according to the kind of its (default) type.
func constValue(v constant.Value, b *types.Basic) (kind, value string, ok bool) {
	if v == nil || v.Kind() == constant.Unknown {
		return "", "", false
	}
	info := b.Info()
	bits := 64
	if b.Kind() == types.Float32 || b.Kind() == types.Complex64 {
		bits = 32
	}
	switch {
	case info&types.IsBoolean != 0 && v.Kind() == constant.Bool:
		return "bool", strconv.FormatBool(constant.BoolVal(v)), true
	case info&types.IsString != 0 && v.Kind() == constant.String:
		return "string", constant.StringVal(v), true
	case info&types.IsInteger != 0:
		if iv := constant.ToInt(v); iv.Kind() == constant.Int {
			return "int", iv.ExactString(), true
		}
	case info&types.IsFloat != 0:
		if fv := constant.ToFloat(v); fv.Kind() == constant.Float {
			return "float", formatFloat(fv, bits), true
		}
	case info&types.IsComplex != 0:
		if cv := constant.ToComplex(v); cv.Kind() == constant.Complex {
			re := formatFloat(constant.Real(cv), bits)
			im := formatFloat(constant.Imag(cv), bits)
			if !strings.HasPrefix(im, "-") && !strings.HasPrefix(im, "+") {
				im = "+" + im
			}
			return "complex", "(" + re + im + "i)", true
		}
	}
	return "", "", false
}

// formatFloat prints the shortest decimal that round-trips at the given precision.
func formatFloat(v constant.Value, bits int) string {
	f, _ := constant.Float64Val(v)
	return strconv.FormatFloat(f, 'g', -1, bits)
}

// funcDesc describes a function or method signature.
func (in *inspector) funcDesc(fn *types.Func) funcDesc {
	sig := fn.Type().(*types.Signature)
	body := in.bodies[fn.Pos()]
	return funcDesc{
		Name:         fn.Name(),
		Doc:          in.docFor(fn),
		Params:       in.params(sig.Params()),
		Results:      in.params(sig.Results()),
		Variadic:     sig.Variadic(),
		TypeParams:   typeParamNames(sig.TypeParams()),
		Pos:          in.pos(fn.Pos()),
		StraightLine: body != nil && fn.Pkg() == in.pkg && straightLine(body, in.info),
		PanicFree:    body != nil && fn.Pkg() == in.pkg && straightLine(body, in.info) && panicFree(body, in.info),
		Goexit:       in.mayGoexit(fn),
		Borrow:       in.borrowFor(fn),
		NoEscape:     in.noEscapeFor(fn, body),
	}
}

// noEscapeFor returns the parameters of a declared straight-line function that cannot outlive
// its call, less those its doc comment's `//gobind:copy` lines name (nil if none).
func (in *inspector) noEscapeFor(fn *types.Func, body *ast.BlockStmt) []string {
	if body == nil || fn.Pkg() != in.pkg || !straightLine(body, in.info) {
		return nil
	}
	copied := map[string]bool{}
	for _, name := range in.copyFor(fn) {
		copied[name] = true
	}
	var out []string
	for _, name := range noEscape(body, fn.Type().(*types.Signature), in.info) {
		if !copied[name] && !copied["*"] {
			out = append(out, name)
		}
	}
	return out
}

// borrowFor returns the `//gobind:borrow` names of a declared function or method (nil if none).
func (in *inspector) borrowFor(fn *types.Func) []string {
	if fn.Pkg() == nil || !fn.Pos().IsValid() {
		return nil
	}
	path := fn.Pkg().Path()
	local := fn.Pkg() == in.pkg
	if !local {
		in.indexExternal(path)
	}
	return in.borrows[in.docKey(path, fn.Pos(), fn.Name(), local)]
}

// copyFor returns the `//gobind:copy` names of a function or method declared in the package.
func (in *inspector) copyFor(fn *types.Func) []string {
	return in.copies[in.docKey(fn.Pkg().Path(), fn.Pos(), fn.Name(), true)]
}

// borrowPrefix starts a doc comment line saying which parameters gobind may pass as views of
// Python's memory (docs/type-mapping.md).  go/ast's CommentGroup.Text drops such directive
// lines, so they are read from the raw comments.
const borrowPrefix = "//gobind:borrow"

// copyPrefix starts a doc comment line naming parameters that gobind must copy even where it
// proved that Go does not keep them (noEscape).
const copyPrefix = "//gobind:copy"

// borrowDirective collects the parameter names of the `//gobind:borrow` lines of a doc comment,
// in order and without repeats: names separated by commas or spaces, "*" for a line with none.
// It returns nil when there is no such line.
func borrowDirective(g *ast.CommentGroup) []string {
	return directiveNames(g, borrowPrefix)
}

// directiveNames collects the names of the doc comment lines that start with prefix, as
// borrowDirective does.
func directiveNames(g *ast.CommentGroup, prefix string) []string {
	if g == nil {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	for _, c := range g.List {
		rest, ok := strings.CutPrefix(c.Text, prefix)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		fields := strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		if len(fields) == 0 {
			fields = []string{"*"}
		}
		for _, f := range fields {
			if !seen[f] {
				seen[f] = true
				names = append(names, f)
			}
		}
	}
	return names
}

// quickBuiltins are the builtins a straight-line body may call: constant time, no blocking.
var quickBuiltins = map[string]bool{
	"len": true, "cap": true, "min": true, "max": true, "real": true, "imag": true,
	"complex": true, "new": true, "panic": true,
}

// straightLine reports whether a function body runs in short, bounded time and cannot block,
// so a caller may keep Python's GIL during it: no loops (for, range, goto), no calls other than
// conversions to numbers or bool and the builtins in quickBuiltins, no function literals, no
// channel operations, select, go or defer statements.  Work it can still do: arithmetic,
// field, element and map access, small allocations.
func straightLine(body *ast.BlockStmt, info *types.Info) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.GoStmt, *ast.DeferStmt, *ast.SelectStmt,
			*ast.SendStmt, *ast.FuncLit:
			ok = false
		case *ast.BranchStmt:
			ok = ok && n.Tok != token.GOTO
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		case *ast.CallExpr:
			ok = ok && quickCall(n, info)
		}
		return ok
	})
	return ok
}

// quickCall reports whether call is a conversion to a number or bool, or a call of a quick builtin.
func quickCall(call *ast.CallExpr, info *types.Info) bool {
	fun := call.Fun
	for p, isParen := fun.(*ast.ParenExpr); isParen; p, isParen = fun.(*ast.ParenExpr) {
		fun = p.X // ast.Unparen needs Go 1.22
	}
	if tv, ok := info.Types[fun]; ok && tv.IsType() {
		b, isBasic := tv.Type.Underlying().(*types.Basic)
		return isBasic && b.Info()&(types.IsNumeric|types.IsBoolean) != 0
	}
	id, isIdent := fun.(*ast.Ident)
	if !isIdent {
		return false
	}
	b, isBuiltin := info.Uses[id].(*types.Builtin)
	return isBuiltin && quickBuiltins[b.Name()]
}

// panicFree reports whether a straight-line body cannot panic: besides what straightLine
// forbids, no panic call, no indexing or slicing, no pointer dereference (explicit, or through a
// field selector or method value), no type assertion, no integer division or remainder by a
// value that is not a non-zero constant, and no shift by a count that is not a constant.
// Conversions to numbers and bool, arithmetic (which wraps), comparisons, composite literals and
// the other quick builtins cannot panic.
func panicFree(body *ast.BlockStmt, info *types.Info) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr, *ast.StarExpr, *ast.TypeAssertExpr:
			ok = false
		case *ast.CallExpr:
			ok = ok && !isBuiltinCall(n, info, "panic")
		case *ast.SelectorExpr:
			if sel, found := info.Selections[n]; found && sel.Indirect() {
				ok = false
			}
		case *ast.BinaryExpr:
			ok = ok && !mayPanicOp(n.Op, n.Y, info)
		case *ast.AssignStmt:
			if op, isOp := assignOps[n.Tok]; isOp && len(n.Rhs) == 1 {
				ok = ok && !mayPanicOp(op, n.Rhs[0], info)
			}
		}
		return ok
	})
	return ok
}

// noEscape returns the string and slice parameters of a straight-line body that Go keeps no
// reference to after the call: each use of one is an operand of len or cap, of a comparison, or
// a whole result of the same type, string or []byte (gobind copies those results out before
// the call returns).  Any other use (assignment, composite literal, conversion, indexing, an
// argument, a method value) may keep it, and the parameter is copied.
func noEscape(body *ast.BlockStmt, sig *types.Signature, info *types.Info) []string {
	safe := map[*ast.Ident]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if isBuiltinCall(n, info, "len") || isBuiltinCall(n, info, "cap") {
				markIdents(safe, n.Args...)
			}
		case *ast.BinaryExpr:
			if isComparison(n.Op) {
				markIdents(safe, n.X, n.Y)
			}
		case *ast.ReturnStmt:
			for i, r := range n.Results {
				if len(n.Results) == sig.Results().Len() && copiedResult(sig.Results().At(i).Type(), info.TypeOf(r)) {
					markIdents(safe, r)
				}
			}
		}
		return true
	})
	var out []string
	for i := 0; i < sig.Params().Len(); i++ {
		v := sig.Params().At(i)
		if !isView(v.Type()) || v.Name() == "" || v.Name() == "_" {
			continue
		}
		kept := false
		for id, obj := range info.Uses {
			if obj == v && !safe[id] && id.Pos() >= body.Pos() && id.End() <= body.End() {
				kept = true
				break
			}
		}
		if !kept {
			out = append(out, v.Name())
		}
	}
	return out
}

// markIdents records the expressions that are bare identifiers (in parentheses or not).
func markIdents(safe map[*ast.Ident]bool, xs ...ast.Expr) {
	for _, x := range xs {
		for p, isParen := x.(*ast.ParenExpr); isParen; p, isParen = x.(*ast.ParenExpr) {
			x = p.X
		}
		if id, ok := x.(*ast.Ident); ok {
			safe[id] = true
		}
	}
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// isView reports whether t is string or a slice: the kinds of parameter gobind can pass as a view.
func isView(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String
	case *types.Slice:
		return true
	}
	return false
}

// copiedResult reports whether returning a value of type got as a result of type want leaves Go
// holding nothing: both the same string or []byte type, which gobind copies out of Go.
func copiedResult(want, got types.Type) bool {
	if got == nil || !types.Identical(want, got) {
		return false
	}
	switch u := want.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// assignOps maps the assignment operators that can panic to their binary operator.
var assignOps = map[token.Token]token.Token{
	token.QUO_ASSIGN: token.QUO, token.REM_ASSIGN: token.REM, token.SHL_ASSIGN: token.SHL, token.SHR_ASSIGN: token.SHR,
}

// mayPanicOp reports whether `x op y` can panic: integer division or remainder by a divisor that
// is not a non-zero constant, or a shift by a count that is not a constant (negative counts panic).
func mayPanicOp(op token.Token, y ast.Expr, info *types.Info) bool {
	tv := info.Types[y]
	switch op {
	case token.QUO, token.REM:
		if b, isBasic := tv.Type.Underlying().(*types.Basic); isBasic && b.Info()&types.IsInteger == 0 {
			return false // float and complex division never panics
		}
		return tv.Value == nil || constant.Sign(tv.Value) == 0
	case token.SHL, token.SHR:
		return tv.Value == nil
	}
	return false
}

// isBuiltinCall reports whether call calls the builtin of that name.
func isBuiltinCall(call *ast.CallExpr, info *types.Info, name string) bool {
	id, isIdent := call.Fun.(*ast.Ident)
	if !isIdent {
		return false
	}
	b, isBuiltin := info.Uses[id].(*types.Builtin)
	return isBuiltin && b.Name() == name
}

// goexitFuncs end the calling goroutine with runtime.Goexit.
var goexitFuncs = map[string]bool{
	"runtime.Goexit":            true,
	"(*testing.common).FailNow": true, "(*testing.common).Fatal": true, "(*testing.common).Fatalf": true,
	"(*testing.common).SkipNow": true, "(*testing.common).Skip": true, "(*testing.common).Skipf": true,
	"(testing.TB).FailNow": true, "(testing.TB).Fatal": true, "(testing.TB).Fatalf": true,
	"(testing.TB).SkipNow": true, "(testing.TB).Skip": true, "(testing.TB).Skipf": true,
}

// mayGoexit reports whether calling fn, declared in the package, may end the calling goroutine
// with runtime.Goexit, as far as the package's source shows: its body (function literals
// included) calls or takes the value of one of goexitFuncs, or of a function or method of the
// package that may.  Calls through other interfaces, and through function values stored in
// variables, are not followed; go statements run on other goroutines and do not count.
func (in *inspector) mayGoexit(fn *types.Func) bool {
	fn = fn.Origin()
	if found, done := in.goexits[fn]; done {
		return found
	}
	in.goexits[fn] = false // a recursive call adds nothing
	body := in.bodies[fn.Pos()]
	if body == nil || fn.Pkg() != in.pkg {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.Ident:
			used, isFunc := in.info.Uses[n].(*types.Func)
			found = isFunc && (goexitFuncs[used.FullName()] || in.mayGoexit(used))
		}
		return !found
	})
	in.goexits[fn] = found
	return found
}

// params describes a parameter or result list.
func (in *inspector) params(t *types.Tuple) []param {
	ps := []param{}
	for i := 0; i < t.Len(); i++ {
		v := t.At(i)
		ps = append(ps, param{Name: v.Name(), Type: in.typeOf(v.Type())})
	}
	return ps
}

// typeParamNames lists the names of type parameters.
func typeParamNames(list *types.TypeParamList) []string {
	names := []string{}
	for i := 0; i < list.Len(); i++ {
		names = append(names, list.At(i).Obj().Name())
	}
	return names
}

// ---------------------------------------------------------------------------
// Types.

// typeOf converts a go/types type into a typeNode; named types are referenced, never expanded.
func (in *inspector) typeOf(t types.Type) typeNode {
	u := unalias(t)
	switch t := u.(type) {
	case *types.Basic:
		return basicNode(t)
	case *types.Named:
		return in.named(t)
	case *types.Pointer:
		return &elemType{kindTag{"pointer"}, in.typeOf(t.Elem())}
	case *types.Slice:
		return &elemType{kindTag{"slice"}, in.typeOf(t.Elem())}
	case *types.Array:
		return &arrayType{kindTag{"array"}, t.Len(), in.typeOf(t.Elem())}
	case *types.Map:
		return &mapType{kindTag{"map"}, in.typeOf(t.Key()), in.typeOf(t.Elem())}
	case *types.Chan:
		return &chanType{kindTag{"chan"}, chanDir(t.Dir()), in.typeOf(t.Elem())}
	case *types.Signature:
		return &funcType{kindTag{"func"}, in.params(t.Params()), in.params(t.Results()), t.Variadic()}
	case *types.Struct:
		return in.structOf(t)
	case *types.Interface:
		return in.interfaceOf(t)
	case *types.TypeParam:
		return &typeParamType{kindTag{"typeparam"}, t.Obj().Name()}
	case nil:
		return &invalidType{kindTag{"invalid"}}
	}
	if under := u.Underlying(); under != nil && under != u {
		return in.typeOf(under) // an alias on a Go version without Alias.Rhs
	}
	return &invalidType{kindTag{"invalid"}}
}

// unalias follows alias types to their target (types.Unalias without needing Go 1.22).
func unalias(t types.Type) types.Type {
	for i := 0; i < 100; i++ {
		a, ok := t.(interface{ Rhs() types.Type })
		if !ok {
			return t
		}
		t = a.Rhs()
	}
	return t
}

// basicNode describes a basic type, using canonical names (uint8 for byte, int32 for rune).
func basicNode(b *types.Basic) typeNode {
	switch b.Kind() {
	case types.Invalid:
		return &invalidType{kindTag{"invalid"}}
	case types.UnsafePointer:
		return &basicType{kindTag{"basic"}, "unsafe.Pointer"}
	}
	return &basicType{kindTag{"basic"}, types.Typ[b.Kind()].Name()}
}

// named references a named type and queues external ones for description.
func (in *inspector) named(t *types.Named) typeNode {
	obj := t.Obj()
	n := &namedType{kindTag: kindTag{"named"}, Name: obj.Name()}
	if obj.Pkg() != nil {
		n.Pkg = obj.Pkg().Path()
	}
	in.record(t.Origin().Obj())
	args := t.TypeArgs()
	for i := 0; i < args.Len(); i++ {
		n.TypeArgs = append(n.TypeArgs, in.typeOf(args.At(i)))
	}
	return n
}

// record queues a named type from another package for the external_types list.
func (in *inspector) record(tn *types.TypeName) {
	if in.mute > 0 || tn.Pkg() == nil || tn.Pkg() == in.pkg {
		return
	}
	key := tn.Pkg().Path() + "." + tn.Name()
	if !in.seen[key] {
		in.seen[key] = true
		in.queue = append(in.queue, tn)
	}
}

// chanDir names a channel direction.
func chanDir(d types.ChanDir) string {
	switch d {
	case types.SendOnly:
		return "send"
	case types.RecvOnly:
		return "recv"
	}
	return "both"
}

// structOf describes a struct, including unexported fields (whose types are not followed for external_types).
func (in *inspector) structOf(t *types.Struct) typeNode {
	s := &structType{kindTag{"struct"}, []fieldDesc{}}
	for i := 0; i < t.NumFields(); i++ {
		f := t.Field(i)
		if !f.Exported() {
			in.mute++
		}
		s.Fields = append(s.Fields, fieldDesc{
			Name:     f.Name(),
			Doc:      in.docFor(f),
			Type:     in.typeOf(f.Type()),
			Embedded: f.Embedded(),
			Exported: f.Exported(),
			Tag:      t.Tag(i),
		})
		if !f.Exported() {
			in.mute--
		}
	}
	return s
}

// interfaceOf describes an interface with its exported methods (embedded ones included), sorted by name.
func (in *inspector) interfaceOf(t *types.Interface) typeNode {
	n := &interfaceType{kindTag: kindTag{"interface"}, Methods: []funcDesc{}, EmbedsNonmethod: !t.IsMethodSet()}
	for i := 0; i < t.NumMethods(); i++ {
		m := t.Method(i)
		if !m.Exported() {
			n.UnexportedMethods = true
			continue
		}
		n.Methods = append(n.Methods, in.funcDesc(m))
	}
	sort.Slice(n.Methods, func(i, j int) bool { return n.Methods[i].Name < n.Methods[j].Name })
	return n
}

// hasInvalid reports whether a type node contains an unresolvable type; struct fields are searched only if fields is set.
func hasInvalid(n typeNode, fields bool) bool {
	switch n := n.(type) {
	case *invalidType:
		return true
	case *namedType:
		for _, a := range n.TypeArgs {
			if hasInvalid(a, true) {
				return true
			}
		}
	case *elemType:
		return hasInvalid(n.Elem, true)
	case *arrayType:
		return hasInvalid(n.Elem, true)
	case *mapType:
		return hasInvalid(n.Key, true) || hasInvalid(n.Elem, true)
	case *chanType:
		return hasInvalid(n.Elem, true)
	case *funcType:
		return paramsHaveInvalid(n.Params) || paramsHaveInvalid(n.Results)
	case *structType:
		for _, f := range n.Fields {
			if fields && hasInvalid(f.Type, true) {
				return true
			}
		}
	case *interfaceType:
		for _, m := range n.Methods {
			if funcHasInvalid(m) {
				return true
			}
		}
	}
	return false
}

// funcHasInvalid reports whether a signature mentions an unresolvable type.
func funcHasInvalid(f funcDesc) bool {
	return paramsHaveInvalid(f.Params) || paramsHaveInvalid(f.Results)
}

// paramsHaveInvalid reports whether any parameter type is unresolvable.
func paramsHaveInvalid(ps []param) bool {
	for _, p := range ps {
		if hasInvalid(p.Type, true) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Positions and doc comments.

// pos renders a position as "file.go:LINE" (base name only), or "" if unknown.
func (in *inspector) pos(p token.Pos) string {
	if !p.IsValid() {
		return ""
	}
	position := in.fset.Position(p)
	return filepath.Base(position.Filename) + ":" + strconv.Itoa(position.Line)
}

// docKey identifies a declared name by package, file base name, line, name and (for the target package) column.
// Export data carries no columns, so external declarations are matched by line and name only.
func (in *inspector) docKey(pkgPath string, p token.Pos, name string, exact bool) string {
	position := in.fset.Position(p)
	key := pkgPath + "|" + filepath.Base(position.Filename) + ":" + strconv.Itoa(position.Line) + "|" + name
	if exact {
		key += ":" + strconv.Itoa(position.Column)
	}
	return key
}

// docFor returns the doc comment of a declared object, reading external sources on demand.
func (in *inspector) docFor(obj types.Object) string {
	if obj == nil || obj.Pkg() == nil || !obj.Pos().IsValid() {
		return ""
	}
	path := obj.Pkg().Path()
	local := obj.Pkg() == in.pkg
	if !local {
		in.indexExternal(path)
	}
	return in.docs[in.docKey(path, obj.Pos(), obj.Name(), local)]
}

// indexExternal parses the sources of a dependency (once) to collect its doc comments.
func (in *inspector) indexExternal(path string) {
	if in.indexed[path] {
		return
	}
	in.indexed[path] = true
	p := in.sources[path]
	if p == nil {
		return
	}
	var files []*ast.File
	for _, name := range append(append([]string{}, p.GoFiles...), p.CgoFiles...) {
		f, err := parser.ParseFile(in.fset, absIn(p.Dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err == nil {
			files = append(files, f)
		}
	}
	in.indexFiles(path, files, false)
}

// indexFiles records the doc comment of every declared name in files (funcs, methods, types, values, fields).
func (in *inspector) indexFiles(pkgPath string, files []*ast.File, exact bool) {
	in.indexed[pkgPath] = true
	put := func(id *ast.Ident, doc string) {
		if id == nil {
			return
		}
		key := in.docKey(pkgPath, id.Pos(), id.Name, exact)
		if old, ok := in.docs[key]; !ok || old == "" {
			in.docs[key] = doc
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				put(d.Name, commentText(d.Doc))
				if names := borrowDirective(d.Doc); names != nil {
					in.borrows[in.docKey(pkgPath, d.Name.Pos(), d.Name.Name, exact)] = names
				}
				if names := directiveNames(d.Doc, copyPrefix); names != nil {
					in.copies[in.docKey(pkgPath, d.Name.Pos(), d.Name.Name, exact)] = names
				}
			case *ast.GenDecl:
				indexGenDecl(d, put)
			}
		}
	}
}

// indexGenDecl records docs for the specs of a type/const/var declaration.
func indexGenDecl(d *ast.GenDecl, put func(*ast.Ident, string)) {
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.TypeSpec:
			doc := firstDoc(s.Doc, s.Comment)
			if doc == "" && len(d.Specs) == 1 {
				doc = commentText(d.Doc)
			}
			put(s.Name, doc)
			indexTypeExpr(s.Type, put)
		case *ast.ValueSpec:
			doc := firstDoc(s.Doc, s.Comment, d.Doc)
			for _, name := range s.Names {
				put(name, doc)
			}
			if s.Type != nil {
				indexTypeExpr(s.Type, put)
			}
		}
	}
}

// indexTypeExpr records docs of struct fields and interface methods anywhere inside a type expression.
func indexTypeExpr(expr ast.Expr, put func(*ast.Ident, string)) {
	ast.Inspect(expr, func(n ast.Node) bool {
		var list *ast.FieldList
		switch n := n.(type) {
		case *ast.StructType:
			list = n.Fields
		case *ast.InterfaceType:
			list = n.Methods
		default:
			return true
		}
		for _, field := range list.List {
			doc := firstDoc(field.Doc, field.Comment)
			if len(field.Names) == 0 {
				if _, isIface := n.(*ast.InterfaceType); !isIface {
					put(embeddedIdent(field.Type), doc)
				}
				continue
			}
			for _, name := range field.Names {
				put(name, doc)
			}
		}
		return true
	})
}

// embeddedIdent returns the identifier go/types uses as the position of an embedded field.
func embeddedIdent(e ast.Expr) *ast.Ident {
	switch e := e.(type) {
	case *ast.Ident:
		return e
	case *ast.StarExpr:
		return embeddedIdent(e.X)
	case *ast.ParenExpr:
		return embeddedIdent(e.X)
	case *ast.SelectorExpr:
		return e.Sel
	case *ast.IndexExpr:
		return embeddedIdent(e.X)
	case *ast.IndexListExpr:
		return embeddedIdent(e.X)
	}
	return nil
}

// firstDoc returns the text of the first non-empty comment group.
func firstDoc(groups ...*ast.CommentGroup) string {
	for _, g := range groups {
		if t := commentText(g); t != "" {
			return t
		}
	}
	return ""
}

// commentText returns a comment group's text with surrounding whitespace trimmed.
func commentText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	return strings.TrimSpace(g.Text())
}
