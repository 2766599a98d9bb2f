// Parsing the target package and type-checking it against its dependencies' export data.
package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"runtime"
	"sort"
)

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
