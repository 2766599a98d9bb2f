// Describing Go types as schema nodes, and queueing other packages' named types.
package main

import (
	"go/types"
	"sort"
)

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
	in.queueInstance(t)
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
			PyName:   in.pyNameFor(f),
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
