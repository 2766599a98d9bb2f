/* gobind C support: every class is made at import from a PyType_Spec (gobind_make_type, in
   heaptype.c), on every Python gobind builds for.  Python 2.7 has no PyType_FromSpec, and Pythons
   before 3.9 take no buffer slots in a spec: these two files fill those gaps, so the templates
   describe each class one way. */

#ifndef GOBIND_HEAPTYPE_H
#define GOBIND_HEAPTYPE_H

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#if PY_MAJOR_VERSION < 3
/* Python 2.7: the spec types and the slot numbers of Python 3's typeslots.h. */
typedef struct {
    int slot;
    void *pfunc;
} PyType_Slot;

typedef struct {
    const char *name;
    int basicsize;
    int itemsize;
    unsigned int flags;
    PyType_Slot *slots;
} PyType_Spec;

#define Py_bf_getbuffer 1
#define Py_bf_releasebuffer 2
#define Py_mp_ass_subscript 3
#define Py_mp_length 4
#define Py_mp_subscript 5
#define Py_nb_bool 8
#define Py_sq_ass_item 39
#define Py_sq_inplace_concat 42
#define Py_sq_item 44
#define Py_sq_length 45
#define Py_tp_call 50
#define Py_tp_clear 51
#define Py_tp_dealloc 52
#define Py_tp_doc 56
#define Py_tp_getset 58
#define Py_tp_hash 59
#define Py_tp_init 60
#define Py_tp_iter 62
#define Py_tp_iternext 63
#define Py_tp_members 72
#define Py_tp_methods 64
#define Py_tp_new 65
#define Py_tp_repr 66
#define Py_tp_richcompare 67
#define Py_tp_str 70
#define Py_tp_traverse 71
#define Py_am_aiter 78  /* no asyncio on Python 2: gobind_fill_slot ignores them */
#define Py_am_anext 79
#elif PY_VERSION_HEX < 0x03090000
/* Before 3.9 a spec cannot carry buffer slots: gobind_make_type sets them on the type it made. */
#define Py_bf_getbuffer 1
#define Py_bf_releasebuffer 2
#endif

/* Classes without tp_new cannot be made from Python (gobind_make_type clears tp_new before 3.10). */
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
#define GOBIND_TPFLAGS_NO_NEW Py_TPFLAGS_DISALLOW_INSTANTIATION
#else
#define GOBIND_TPFLAGS_NO_NEW 0
#endif

/* Classes stay as immutable as the static types they replace (3.10+). */
#ifdef Py_TPFLAGS_IMMUTABLETYPE
#define GOBIND_TPFLAGS_DEFAULT (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE)
#else
#define GOBIND_TPFLAGS_DEFAULT Py_TPFLAGS_DEFAULT
#endif

/* A type's allocation slots. */
#define GOBIND_TP_ALLOC(type) GOBIND_SLOT(type, tp_alloc, allocfunc)
#define GOBIND_TP_FREE(type) GOBIND_SLOT(type, tp_free, freefunc)

/* A slot of a type (tp_x: its PyTypeObject member), which the limited API reaches only through
   PyType_GetSlot (for static types such as RuntimeError, from 3.10). */
#ifdef Py_LIMITED_API
#define GOBIND_SLOT(type, tp_x, cast) ((cast)PyType_GetSlot((type), Py_##tp_x))
#else
#define GOBIND_SLOT(type, tp_x, cast) ((type)->tp_x)
#endif

/* In a tp_traverse: instances of heap types hold their type, which the collector must see (3.9+). */
#if PY_VERSION_HEX >= 0x03090000
#define GOBIND_VISIT_TYPE(self) Py_VISIT(Py_TYPE(self))
#else
#define GOBIND_VISIT_TYPE(self)
#endif

/* The end of a tp_dealloc: instances of heap types own a reference to their type (3.8+). */
static inline void
gobind_release_type(PyTypeObject *type)
{
#if PY_VERSION_HEX >= 0x03080000
    if (PyType_GetFlags(type) & Py_TPFLAGS_HEAPTYPE)
        Py_DECREF(type);
#else
    (void)type;
#endif
}

/* The class spec describes, over base (NULL: object); a new reference, or NULL with an exception. */
PyTypeObject *gobind_make_type(PyType_Spec *spec, PyTypeObject *base);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* GOBIND_HEAPTYPE_H */
