/* gobind C support under Python's limited API (Py_LIMITED_API, an abi3 module): the unchecked
   macros gobind uses on lists, tuples, bytes and floats that it made or checked are spelt as the
   checked functions the limited API has (its PySequence_Fast_GET_* use these), and a type's name
   comes from gobind_type_name. */

#ifndef GOBIND_LIMITED_H
#define GOBIND_LIMITED_H

#ifdef Py_LIMITED_API
#define PyTuple_GET_ITEM PyTuple_GetItem
#define PyTuple_GET_SIZE PyTuple_Size
#define PyTuple_SET_ITEM(t, i, v) ((void)PyTuple_SetItem((t), (i), (v)))
#define PyList_GET_ITEM PyList_GetItem
#define PyList_GET_SIZE PyList_Size
#define PyList_SET_ITEM(l, i, v) ((void)PyList_SetItem((l), (i), (v)))
#define PyBytes_AS_STRING PyBytes_AsString
#define PyBytes_GET_SIZE PyBytes_Size
#define PyByteArray_AS_STRING PyByteArray_AsString
#define PyFloat_AS_DOUBLE PyFloat_AsDouble
#define PyUnicode_AsUTF8(o) PyUnicode_AsUTF8AndSize((o), NULL)

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif
/* The dotted name of type (module.qualname; builtins without the module), as tp_name gives it:
   valid while the module lives ("?" when it cannot be made, an exception may then be set). */
const char *gobind_type_name(PyTypeObject *type);
#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#define GOBIND_TP_NAME(type) gobind_type_name(type)
#else
#define GOBIND_TP_NAME(type) ((type)->tp_name)
#endif

#endif /* GOBIND_LIMITED_H */
