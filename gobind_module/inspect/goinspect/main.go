// Command gobind-inspect loads one Go package with go/types and prints a JSON description of its exported API.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"os"
)

// schemaVersion is bumped whenever the JSON layout changes incompatibly.
const schemaVersion = 2

const usage = "usage: gobind-inspect [-dir DIR] [-tags TAGS] [-instantiate NAME=T1,T2]... [-o FILE] IMPORTPATH"

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
	fs.Func("instantiate", "instantiate generic NAME with the type arguments T1,T2 (repeatable)", func(v string) error {
		opts.instantiate = append(opts.instantiate, v)
		return nil
	})
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
	if err := in.requestInstances(files, opts.instantiate); err != nil {
		return err
	}
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
