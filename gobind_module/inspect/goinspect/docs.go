// Positions and doc comments, of the package and of its dependencies.
package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"
)

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
	return in.indexedFor(obj, in.docs)
}

// pyNameFor returns the `//gobind:name` value of a declared object ("" if none).
func (in *inspector) pyNameFor(obj types.Object) string {
	return in.indexedFor(obj, in.pyNames)
}

// indexedFor looks a declared object up in one of the maps indexFiles fills, reading external
// sources on demand.
func (in *inspector) indexedFor(obj types.Object, m map[string]string) string {
	if obj == nil || obj.Pkg() == nil || !obj.Pos().IsValid() {
		return ""
	}
	path := obj.Pkg().Path()
	local := obj.Pkg() == in.pkg
	if !local {
		in.indexExternal(path)
	}
	return m[in.docKey(path, obj.Pos(), obj.Name(), local)]
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
	put := func(id *ast.Ident, doc string, groups ...*ast.CommentGroup) {
		if id == nil {
			return
		}
		key := in.docKey(pkgPath, id.Pos(), id.Name, exact)
		if old, ok := in.docs[key]; !ok || old == "" {
			in.docs[key] = doc
		}
		if name, ok := nameDirective(groups...); ok && in.pyNames[key] == "" {
			in.pyNames[key] = name
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				put(d.Name, commentText(d.Doc), d.Doc)
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

// indexer records the doc of a declared name, and the `//gobind:name` line of the first of the
// comment groups that has one.
type indexer func(id *ast.Ident, doc string, groups ...*ast.CommentGroup)

// indexGenDecl records docs for the specs of a type/const/var declaration.  The comment of a
// group's declaration names only a lone spec (a name directive there is no one spec's).
func indexGenDecl(d *ast.GenDecl, put indexer) {
	whole := d.Doc
	if len(d.Specs) != 1 {
		whole = nil
	}
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.TypeSpec:
			doc := firstDoc(s.Doc, s.Comment)
			if doc == "" && len(d.Specs) == 1 {
				doc = commentText(d.Doc)
			}
			put(s.Name, doc, s.Doc, s.Comment, whole)
			indexTypeExpr(s.Type, put)
		case *ast.ValueSpec:
			doc := firstDoc(s.Doc, s.Comment, d.Doc)
			for _, name := range s.Names {
				put(name, doc, s.Doc, s.Comment, whole)
			}
			if s.Type != nil {
				indexTypeExpr(s.Type, put)
			}
		}
	}
}

// indexTypeExpr records docs of struct fields and interface methods anywhere inside a type expression.
func indexTypeExpr(expr ast.Expr, put indexer) {
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
					put(embeddedIdent(field.Type), doc, field.Doc, field.Comment)
				}
				continue
			}
			for _, name := range field.Names {
				put(name, doc, field.Doc, field.Comment)
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

// commentText returns a comment group's text with surrounding whitespace trimmed, without the
// name directives of nameDirective (CommentGroup.Text drops `//gobind:name`, not `// gopy:name`).
func commentText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	lines := strings.Split(g.Text(), "\n")
	kept := lines[:0]
	for _, line := range lines {
		if _, ok := cutNameDirective(line); !ok {
			kept = append(kept, line)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// namePrefixes start the doc comment lines that give a declaration its Python name: gobind's
// directive and, for packages written for gopy, gopy's (`// gopy:name py_name`).
var namePrefixes = []string{"gobind:name", "gopy:name"}

// nameDirective returns the value of the first name line (see namePrefixes) of the groups, and
// whether there is one.  A line without a value gives " ", which gobind refuses as a name.
func nameDirective(groups ...*ast.CommentGroup) (string, bool) {
	for _, g := range groups {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			if value, ok := cutNameDirective(strings.TrimPrefix(c.Text, "//")); ok {
				if value == "" {
					value = " "
				}
				return value, true
			}
		}
	}
	return "", false
}

// cutNameDirective returns the value of a name line ("gobind:name x", "gopy:name x", with or
// without leading spaces) and whether the line is one.
func cutNameDirective(line string) (string, bool) {
	line = strings.TrimSpace(line)
	for _, prefix := range namePrefixes {
		rest, ok := strings.CutPrefix(line, prefix)
		if ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}
