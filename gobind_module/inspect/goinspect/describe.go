// Describing the package: declarations, methods, constants, functions and gobind directives.
package main

import (
	"encoding/hex"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
	pyNames map[string]string       // `//gobind:name` values of declared names, keyed by docKey
	indexed map[string]bool         // import paths whose sources are already in docs
	seen    map[string]bool         // external named types already queued, by "path.Name"
	queue   []*types.TypeName       // external named types still to describe
	mute    int                     // > 0 while converting types that are not part of the API
	skipped []skipped
	info    *types.Info                  // uses and types of the target's expressions (function bodies)
	bodies  map[token.Pos]*ast.BlockStmt // bodies of the target's funcs and methods, by name position
	goexits map[*types.Func]bool         // mayGoexit's answers
	inst    instances                    // instantiations of generics (instances.go)
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
		pyNames: map[string]string{},
		indexed: map[string]bool{},
		seen:    map[string]bool{},
		bodies:  map[token.Pos]*ast.BlockStmt{},
		goexits: map[*types.Func]bool{},
		inst:    instances{seen: map[string]bool{}},
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
			v := varDesc{Name: name, Doc: in.docFor(obj), Type: in.typeOf(obj.Type()), Pos: in.pos(obj.Pos()),
				PyName: in.pyNameFor(obj)}
			if hasInvalid(v.Type, true) {
				in.skip(name, "its type could not be resolved by the type checker")
				continue
			}
			out.Vars = append(out.Vars, v)
		}
	}
	in.describeQueue(out, &described)
	in.describeInstances(out, &described)
	setImplementers(out, described)
	sort.SliceStable(out.ExternalTypes, func(i, j int) bool {
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

// describeQueue describes the queued external named types, and those they reach.
func (in *inspector) describeQueue(out *output, described *[]*types.TypeName) {
	for len(in.queue) > 0 {
		tn := in.queue[0]
		in.queue = in.queue[1:]
		if d, ok := in.typeDecl(tn); ok {
			out.ExternalTypes = append(out.ExternalTypes, d)
			*described = append(*described, tn)
			in.queueImplementers(tn)
		}
	}
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
	return in.typeDeclOf(tn, tn.Type())
}

// typeDeclOf describes the named type t declared by tn: its own type, or an instance of it.
func (in *inspector) typeDeclOf(tn *types.TypeName, t types.Type) (typeDecl, bool) {
	actual := unalias(t)
	d := typeDecl{
		Pkg:        tn.Pkg().Path(),
		Name:       tn.Name(),
		Doc:        in.docFor(tn),
		PyName:     in.pyNameFor(tn),
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
		PyName:  in.pyNameFor(c),
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
	if fn.Origin() != fn || sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
		body = nil // a generic body: its proofs would hold for some type arguments only
	}
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
		PyName:       in.pyNameFor(fn),
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
