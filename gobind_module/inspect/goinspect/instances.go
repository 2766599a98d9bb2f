// Instantiations of generic functions and types: those the API uses, those -instantiate lists and
// those `//gobind:instantiate` lines ask for, each checked against its constraints.
package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// instantiatePrefix starts a doc comment line of a generic function or type listing its
// instantiations: one per space-separated item, type arguments separated by commas
// (`//gobind:instantiate int float64` or `//gobind:instantiate string,int`).
const instantiatePrefix = "//gobind:instantiate"

// funcInstance is one instantiation of a generic function of the package.
type funcInstance struct {
	fn   *types.Func
	args []types.Type
	sig  *types.Signature // substituted, without type parameters
}

// instances holds the instantiations found so far.
type instances struct {
	funcs []funcInstance
	types []*types.Named // type instances still to describe
	seen  map[string]bool
}

// requestInstances instantiates what the `//gobind:instantiate` lines of files and the
// -instantiate flags (NAME=T1,T2) ask for; an instantiation that breaks a constraint is an error
// naming the declaration's position.
func (in *inspector) requestInstances(files []*ast.File, flags []string) error {
	for _, f := range files {
		for _, decl := range f.Decls {
			if err := in.directiveInstances(decl); err != nil {
				return err
			}
		}
	}
	for _, flag := range flags {
		name, list, ok := strings.Cut(flag, "=")
		obj := in.pkg.Scope().Lookup(strings.TrimSpace(name))
		if !ok || obj == nil || !isGeneric(obj) {
			return fmt.Errorf("instantiate %s: %s is not a generic function or type of package %s",
				flag, strings.TrimSpace(name), in.pkg.Path())
		}
		if err := in.instantiateText(obj, list); err != nil {
			return err
		}
	}
	return nil
}

// directiveInstances reads the `//gobind:instantiate` lines of one declaration.
func (in *inspector) directiveInstances(decl ast.Decl) error {
	type target struct {
		name *ast.Ident
		doc  *ast.CommentGroup
	}
	var targets []target
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			targets = append(targets, target{d.Name, d.Doc})
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			if s, ok := spec.(*ast.TypeSpec); ok {
				doc := s.Doc
				if doc == nil && len(d.Specs) == 1 {
					doc = d.Doc
				}
				targets = append(targets, target{s.Name, doc})
			}
		}
	}
	for _, t := range targets {
		for _, item := range directiveItems(t.doc) {
			obj := in.pkg.Scope().Lookup(t.name.Name)
			if obj == nil || !isGeneric(obj) {
				return fmt.Errorf("%s: //gobind:instantiate on %s, which is not a generic function or type",
					in.fset.Position(t.name.Pos()), t.name.Name)
			}
			if err := in.instantiateText(obj, item); err != nil {
				return err
			}
		}
	}
	return nil
}

// directiveItems lists the items of the `//gobind:instantiate` lines of a doc comment.
func directiveItems(g *ast.CommentGroup) []string {
	if g == nil {
		return nil
	}
	var items []string
	for _, c := range g.List {
		rest, ok := strings.CutPrefix(c.Text, instantiatePrefix)
		if ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			items = append(items, strings.Fields(rest)...)
		}
	}
	return items
}

// isGeneric reports whether obj is a generic function or type.
func isGeneric(obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		return o.Type().(*types.Signature).TypeParams().Len() > 0
	case *types.TypeName:
		return declTypeParams(o).Len() > 0 && !o.IsAlias()
	}
	return false
}

// instantiateText instantiates obj with the comma-separated type arguments of text, evaluated in
// the scope of obj's file (its imports name other packages' types: time.Duration) and taken as many at a time as obj has type parameters (Max=int,float64 is
// two instantiations of Max[T], Pair=string,int one of Pair[K, V]).
func (in *inspector) instantiateText(obj types.Object, text string) error {
	var args []types.Type
	for _, expr := range splitTypeArgs(text) {
		tv, err := types.Eval(in.fset, in.pkg, obj.Pos(), expr)
		if err != nil || !tv.IsType() {
			if err == nil {
				err = fmt.Errorf("%s is not a type", expr)
			}
			return fmt.Errorf("%s: %s[%s]: %v", in.fset.Position(obj.Pos()), obj.Name(), text, err)
		}
		args = append(args, tv.Type)
	}
	n := typeParamCount(obj)
	if len(args)%n != 0 {
		return fmt.Errorf("%s: %s[%s]: %s has %d type parameters; give them %d at a time",
			in.fset.Position(obj.Pos()), obj.Name(), text, obj.Name(), n, n)
	}
	for i := 0; i < len(args); i += n {
		if err := in.instantiate(obj, args[i:i+n]); err != nil {
			return err
		}
	}
	return nil
}

// typeParamCount is the number of type parameters of a generic function or type.
func typeParamCount(obj types.Object) int {
	if fn, ok := obj.(*types.Func); ok {
		return fn.Type().(*types.Signature).TypeParams().Len()
	}
	return declTypeParams(obj.(*types.TypeName)).Len()
}

// splitTypeArgs splits "string,map[string]int" at the commas outside brackets and parentheses.
func splitTypeArgs(text string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range text {
		switch r {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(text[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(text[start:]))
}

// instantiate checks obj[args] against its constraints and records it.
func (in *inspector) instantiate(obj types.Object, args []types.Type) error {
	inst, err := types.Instantiate(nil, obj.Type(), args, true)
	if err != nil {
		return fmt.Errorf("%s: %s[%s]: %v", in.fset.Position(obj.Pos()), obj.Name(), typeList(args), err)
	}
	switch inst := inst.(type) {
	case *types.Named:
		in.queueInstance(inst)
	case *types.Signature:
		key := obj.Name() + "[" + typeList(args) + "]"
		if !in.inst.seen[key] {
			in.inst.seen[key] = true
			in.inst.funcs = append(in.inst.funcs, funcInstance{obj.(*types.Func), args, inst})
		}
	}
	return nil
}

// typeList spells type arguments as Go source does.
func typeList(args []types.Type) string {
	var names []string
	for _, a := range args {
		names = append(names, types.TypeString(a, nil))
	}
	return strings.Join(names, ", ")
}

// queueInstance queues an instantiated named type for description, once; one with type
// parameters among its arguments (a generic's own Stack[T]) or of an unexported generic is left.
func (in *inspector) queueInstance(t *types.Named) {
	if in.mute > 0 || t.TypeArgs().Len() == 0 || !t.Obj().Exported() || t.Obj().Pkg() == nil {
		return
	}
	for i := 0; i < t.TypeArgs().Len(); i++ {
		if mentionsTypeParam(t.TypeArgs().At(i), 0) {
			return
		}
	}
	key := types.TypeString(t, nil)
	if !in.inst.seen[key] {
		in.inst.seen[key] = true
		in.inst.types = append(in.inst.types, t)
	}
}

// mentionsTypeParam reports whether t contains a type parameter.
func mentionsTypeParam(t types.Type, depth int) bool {
	if depth > 20 {
		return false
	}
	switch t := unalias(t).(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if mentionsTypeParam(t.TypeArgs().At(i), depth+1) {
				return true
			}
		}
	case *types.Pointer:
		return mentionsTypeParam(t.Elem(), depth+1)
	case *types.Slice:
		return mentionsTypeParam(t.Elem(), depth+1)
	case *types.Array:
		return mentionsTypeParam(t.Elem(), depth+1)
	case *types.Chan:
		return mentionsTypeParam(t.Elem(), depth+1)
	case *types.Map:
		return mentionsTypeParam(t.Key(), depth+1) || mentionsTypeParam(t.Elem(), depth+1)
	case *types.Signature:
		return tupleMentions(t.Params(), depth) || tupleMentions(t.Results(), depth)
	}
	return false
}

// tupleMentions reports whether a parameter list mentions a type parameter.
func tupleMentions(t *types.Tuple, depth int) bool {
	for i := 0; i < t.Len(); i++ {
		if mentionsTypeParam(t.At(i).Type(), depth+1) {
			return true
		}
	}
	return false
}

// instanceFunc describes one instantiation of a generic function.
func (in *inspector) instanceFunc(fi funcInstance) funcDesc {
	f := funcDesc{
		Name:     fi.fn.Name(),
		Doc:      in.docFor(fi.fn),
		Params:   in.params(fi.sig.Params()),
		Results:  in.params(fi.sig.Results()),
		Variadic: fi.sig.Variadic(),
		Pos:      in.pos(fi.fn.Pos()),
		Goexit:   in.mayGoexit(fi.fn),
		Borrow:   in.borrowFor(fi.fn),
	}
	for _, a := range fi.args {
		f.TypeArgs = append(f.TypeArgs, in.typeOf(a))
	}
	return f
}

// instanceType describes one instantiated named type (ok is false if it had to be skipped).
func (in *inspector) instanceType(t *types.Named) (typeDecl, bool) {
	d, ok := in.typeDeclOf(t.Obj(), t)
	d.TypeParams = nil
	args := t.TypeArgs()
	for i := 0; i < args.Len(); i++ {
		d.TypeArgs = append(d.TypeArgs, in.typeOf(args.At(i)))
	}
	return d, ok
}

// describeInstances adds the instantiated functions, then the instantiated types (and the
// external types they reach, until no new one turns up), to out.
func (in *inspector) describeInstances(out *output, described *[]*types.TypeName) {
	for _, fi := range in.inst.funcs {
		f := in.instanceFunc(fi)
		if funcHasInvalid(f) {
			in.skip(fi.fn.Name()+"["+typeList(fi.args)+"]", "its signature uses a type the type checker could not resolve")
			continue
		}
		out.Funcs = append(out.Funcs, f)
	}
	for len(in.inst.types) > 0 || len(in.queue) > 0 {
		for len(in.inst.types) > 0 {
			t := in.inst.types[0]
			in.inst.types = in.inst.types[1:]
			if d, ok := in.instanceType(t); ok && t.Obj().Pkg() == in.pkg {
				out.Types = append(out.Types, d)
			} else if ok {
				out.ExternalTypes = append(out.ExternalTypes, d)
			}
		}
		in.describeQueue(out, described)
	}
}
