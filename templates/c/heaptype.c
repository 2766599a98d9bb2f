/* gobind C support: gobind_make_type, which makes a class from its PyType_Spec on every Python
   gobind builds for (Python 2.7 and buffer slots before 3.9 filled in; see heaptype.h). */

#if PY_VERSION_HEX < 0x03090000
/* The __weaklistoffset__ that spec's members give (PyType_FromSpec reads it from 3.9 on), or 0. */
static Py_ssize_t
gobind_spec_weaklist(const PyType_Spec *spec)
{
    const PyType_Slot *s;
    const PyMemberDef *m;
    for (s = spec->slots; s->slot != 0; s++)
        if (s->slot == Py_tp_members)
            for (m = (const PyMemberDef *)s->pfunc; m->name != NULL; m++)
                if (strcmp(m->name, "__weaklistoffset__") == 0)
                    return m->offset;
    return 0;
}
#endif

#if PY_MAJOR_VERSION < 3
/* Python 2.7: a type object (not a heap type) filled from the spec, with its sub-tables beside it. */
typedef struct {
    PyTypeObject type;
    PyNumberMethods nb;
    PySequenceMethods sq;
    PyMappingMethods mp;
    PyBufferProcs bf;
} gobind_type_storage;

static void
gobind_fill_slot(gobind_type_storage *s, const PyType_Slot *slot)
{
    PyTypeObject *t = &s->type;
    void *f = slot->pfunc;
    switch (slot->slot) {
    case Py_bf_getbuffer: s->bf.bf_getbuffer = (getbufferproc)f; break;
    case Py_bf_releasebuffer: s->bf.bf_releasebuffer = (releasebufferproc)f; break;
    case Py_mp_ass_subscript: s->mp.mp_ass_subscript = (objobjargproc)f; break;
    case Py_mp_length: s->mp.mp_length = (lenfunc)f; break;
    case Py_mp_subscript: s->mp.mp_subscript = (binaryfunc)f; break;
    case Py_nb_bool: s->nb.nb_nonzero = (inquiry)f; break;  /* Python 2's name for nb_bool */
    case Py_sq_ass_item: s->sq.sq_ass_item = (ssizeobjargproc)f; break;
    case Py_sq_inplace_concat: s->sq.sq_inplace_concat = (binaryfunc)f; break;
    case Py_sq_item: s->sq.sq_item = (ssizeargfunc)f; break;
    case Py_sq_length: s->sq.sq_length = (lenfunc)f; break;
    case Py_tp_call: t->tp_call = (ternaryfunc)f; break;
    case Py_tp_clear: t->tp_clear = (inquiry)f; break;
    case Py_tp_dealloc: t->tp_dealloc = (destructor)f; break;
    case Py_tp_doc: t->tp_doc = (const char *)f; break;
    case Py_tp_getset: t->tp_getset = (PyGetSetDef *)f; break;
    case Py_tp_hash: t->tp_hash = (hashfunc)f; break;
    case Py_tp_init: t->tp_init = (initproc)f; break;
    case Py_tp_iter: t->tp_iter = (getiterfunc)f; break;
    case Py_tp_iternext: t->tp_iternext = (iternextfunc)f; break;
    case Py_tp_methods: t->tp_methods = (PyMethodDef *)f; break;
    case Py_tp_members: t->tp_members = (PyMemberDef *)f; break;
    case Py_tp_new: t->tp_new = (newfunc)f; break;
    case Py_tp_repr: t->tp_repr = (reprfunc)f; break;
    case Py_tp_richcompare: t->tp_richcompare = (richcmpfunc)f; break;
    case Py_tp_str: t->tp_str = (reprfunc)f; break;
    case Py_tp_traverse: t->tp_traverse = (traverseproc)f; break;
    default: break;
    }
}

PyTypeObject *
gobind_make_type(PyType_Spec *spec, PyTypeObject *base)
{
    gobind_type_storage *s = (gobind_type_storage *)PyMem_Malloc(sizeof *s);
    const PyType_Slot *slot;
    if (s == NULL)
        return (PyTypeObject *)PyErr_NoMemory();
    memset(s, 0, sizeof *s);
    s->type.ob_refcnt = 1;  /* Python 2's object header is plain fields */
    s->type.ob_type = &PyType_Type;
    s->type.tp_name = spec->name;
    s->type.tp_basicsize = spec->basicsize;
    s->type.tp_itemsize = spec->itemsize;
    s->type.tp_flags = spec->flags;
    s->type.tp_base = base;
    s->type.tp_as_number = &s->nb;
    s->type.tp_as_sequence = &s->sq;
    s->type.tp_as_mapping = &s->mp;
    s->type.tp_as_buffer = &s->bf;
    for (slot = spec->slots; slot->slot != 0; slot++)
        gobind_fill_slot(s, slot);
    s->type.tp_weaklistoffset = gobind_spec_weaklist(spec);
    if (PyType_Ready(&s->type) < 0)
        return NULL;  /* s stays allocated: a failed PyType_Ready may have kept references to it */
    return &s->type;
}
#else
/* The value of slot id in spec, or NULL. */
static void *
gobind_spec_slot(const PyType_Spec *spec, int id)
{
    const PyType_Slot *s;
    for (s = spec->slots; s->slot != 0; s++)
        if (s->slot == id)
            return s->pfunc;
    return NULL;
}

#if PY_VERSION_HEX < 0x03090000
/* Before 3.9: spec without its buffer slots, in a copy (slots sized for spec's), and those slots
   set on type once it is made. */
static PyType_Spec
gobind_spec_without_buffer(const PyType_Spec *spec, PyType_Slot *slots)
{
    PyType_Spec copy = *spec;
    const PyType_Slot *s;
    copy.slots = slots;
    for (s = spec->slots; s->slot != 0; s++)
        if (s->slot != Py_bf_getbuffer && s->slot != Py_bf_releasebuffer)
            *slots++ = *s;
    slots->slot = 0;
    slots->pfunc = NULL;
    return copy;
}

static void
gobind_set_buffer_slots(PyTypeObject *type, const PyType_Spec *spec)
{
    void *get = gobind_spec_slot(spec, Py_bf_getbuffer), *release = gobind_spec_slot(spec, Py_bf_releasebuffer);
    if (get != NULL)
        type->tp_as_buffer->bf_getbuffer = (getbufferproc)get;
    if (release != NULL)
        type->tp_as_buffer->bf_releasebuffer = (releasebufferproc)release;
}
#endif

/* Heap types drop the __text_signature__ from tp_doc: gives type back its whole doc, so that
   inspect.signature() still finds the constructor's signature (not possible in the limited API). */
static int
gobind_keep_signature(PyTypeObject *type, const char *doc)
{
#ifndef Py_LIMITED_API
    size_t len;
    char *copy;
    if (doc == NULL || type->tp_doc == NULL || strcmp(type->tp_doc, doc) == 0)
        return 0;
    len = strlen(doc) + 1;
    copy = (char *)PyObject_Malloc(len);
    if (copy == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(copy, doc, len);
    PyObject_Free((void *)type->tp_doc);
    type->tp_doc = copy;
#else
    (void)type;
    (void)doc;
#endif
    return 0;
}

PyTypeObject *
gobind_make_type(PyType_Spec *spec, PyTypeObject *base)
{
    PyObject *bases = base == NULL ? NULL : PyTuple_Pack(1, (PyObject *)base), *made;
    PyTypeObject *type;
#if PY_VERSION_HEX < 0x03090000
    PyType_Slot slots[40];
    PyType_Spec copy = gobind_spec_without_buffer(spec, slots);
#else
    PyType_Spec copy = *spec;
#endif
    if (base != NULL && bases == NULL)
        return NULL;
    made = PyType_FromSpecWithBases(&copy, bases);
    Py_XDECREF(bases);
    if (made == NULL)
        return NULL;
    type = (PyTypeObject *)made;
#if PY_VERSION_HEX < 0x03090000
    gobind_set_buffer_slots(type, spec);
    if (gobind_spec_weaklist(spec) != 0)  /* else what the base gave */
        type->tp_weaklistoffset = gobind_spec_weaklist(spec);
#endif
#if PY_VERSION_HEX < 0x030A0000
    if (base == NULL && gobind_spec_slot(spec, Py_tp_new) == NULL)
        type->tp_new = NULL;  /* as GOBIND_TPFLAGS_NO_NEW does from 3.10 */
#endif
    if (gobind_keep_signature(type, (const char *)gobind_spec_slot(spec, Py_tp_doc)) < 0) {
        Py_DECREF(made);
        return NULL;
    }
    return type;
}
#endif
#ifdef Py_LIMITED_API

/* The names gobind_type_name made, by type: they live as long as the module. */
static PyObject *gobind_type_names;

static PyObject *
gobind_dotted_name(PyTypeObject *type)
{
    PyObject *module = PyObject_GetAttrString((PyObject *)type, "__module__");
    PyObject *qualname = module == NULL ? NULL : PyType_GetQualName(type), *name = NULL;
    if (qualname != NULL) {
        if (PyUnicode_Check(module) && PyUnicode_CompareWithASCIIString(module, "builtins") != 0)
            name = PyUnicode_FromFormat("%U.%U", module, qualname);
        else
            name = gobind_new_ref(qualname);
    }
    Py_XDECREF(module);
    Py_XDECREF(qualname);
    return name;
}

const char *
gobind_type_name(PyTypeObject *type)
{
    PyObject *name;
    if (gobind_type_names == NULL && (gobind_type_names = PyDict_New()) == NULL)
        return "?";
    name = PyDict_GetItemWithError(gobind_type_names, (PyObject *)type);
    if (name == NULL) {
        if (PyErr_Occurred() || (name = gobind_dotted_name(type)) == NULL)
            return "?";
        if (PyDict_SetItem(gobind_type_names, (PyObject *)type, name) < 0) {
            Py_DECREF(name);
            return "?";
        }
        Py_DECREF(name);  /* the dict keeps it */
    }
    return PyUnicode_AsUTF8AndSize(name, NULL);
}
#endif
