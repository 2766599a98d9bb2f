/* gobind C support: the objects standing for Go generics (generic.c). m.Max[int] is the bound
   instantiation Max[int]; m.Max(3, 4) calls the first instantiation that takes the arguments. */

#ifndef GOBIND_GENERIC_H
#define GOBIND_GENERIC_H

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* One instantiation: its type arguments as Go spells them ("string, int") and the attribute of
   home holding its function or class ("Pair_string_int"). */
typedef struct {
    const char *key;
    const char *attr;
} gobind_generic_inst;

/* A class that is a type argument of some instantiation: its attribute path from the root module
   ("Point", "url.URL") and its Go spelling ("Point", "url.URL"). */
typedef struct {
    const char *attr;
    const char *go;
} gobind_generic_class;

/* Adds to home the object standing for generic function or type name (what: "function" or
   "type"), over its n instantiations, which home already holds; 0, or -1 with an exception. */
int gobind_add_generic(PyObject *root, PyObject *home, const char *name, const char *what,
                       const gobind_generic_inst *insts, Py_ssize_t n,
                       const gobind_generic_class *classes, Py_ssize_t nclasses);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* GOBIND_GENERIC_H */
