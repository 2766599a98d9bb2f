"""Types of other packages (test_projects/crosspkg): time.Duration, *bytes.Buffer, url.URL and
io.Reader/io.Writer are bound as classes in submodules named after their Go package, so values
flow from one function into another; Python file objects stand in for io.Reader and io.Writer;
a second package of the module is bound as the submodule `money` of the same extension; and types
any number of steps away from the API (route.Trip -> Leg -> Stop -> Point) are bound too."""

from conftest import raises


def test_standard_library_types_flow_between_functions(surface):
    surface('crosspkg', '\n'.join([
        'import crosspkg as m',
        'd = m.Timeout()',
        # time.Duration: an int subclass with Go's methods, in submodule crosspkg.time
        'assert type(d) is m.time.Duration and isinstance(d, int) and d == 1500000000',
        'assert str(d) == "1.5s" and d.Seconds() == 1.5 and m.Twice(d) == 3000000000',
        'assert str(m.Twice(d)) == "3s" and repr(d) == "crosspkg.time.Duration(1500000000)", repr(d)',
        'assert m.Twice(2) == 4 and type(m.Twice(2)) is m.time.Duration',
        # *bytes.Buffer: a class with the Go methods, shared with Go
        'b = m.NewBuffer("abc")',
        'assert type(b) is m.bytes.Buffer and b.Len() == 3',
        'm.Shout(b, "xy")',
        'assert b.String() == "abcXY" and str(b) == "abcXY"',
        'assert m.bytes.Buffer().Len() == 0',
        # url.URL: fields, methods, a *URL result passed on as a URL value
        'u = m.Parse("https://example.com:8080/a/b?q=1&q=2")',
        'assert type(u) is m.url.URL and u.Scheme == "https" and u.Host == "example.com:8080" and u.Path == "/a/b"',
        'assert u.Hostname() == "example.com" and u.Port() == "8080" and m.Host(u) == "example.com:8080"',
        'assert list(u.Query()["q"]) == ["1", "2"] and isinstance(u.Query(), m.url.Values)',
        'u.Path = "/c"',
        'assert u.String() == "https://example.com:8080/c?q=1&q=2"',
        'assert m.url.URL(Scheme="http", Host="h").String() == "http://h"',
        raises('m.GoError', 'm.Parse(":bad")', 'missing protocol scheme'),
        raises('TypeError', 'm.Host(b)', "Host() argument 'u' must be url.URL"),
        # the submodules are modules: importable, with the Go package doc
        'import crosspkg.url',
        'from crosspkg.time import Duration',
        'assert Duration is m.time.Duration and crosspkg.url.URL is m.url.URL',
        'assert m.url.__name__ == "crosspkg.url" and "net/url" in m.url.__doc__',
        'assert m.url.URL.__module__ == "crosspkg.url"',
    ]))


def test_python_file_objects_are_go_readers_and_writers(surface):
    surface('crosspkg', '\n'.join([
        'import io',
        'import crosspkg as m',
        # io.Writer: a file's write(), or any object with Write()
        'f = io.BytesIO()',
        'assert m.Greet(f, "ann") == 12 and f.getvalue() == b"hello, ann!\\n"',
        'class Parts(object):',
        '    def __init__(self):',
        '        self.parts = []',
        '    def Write(self, b):',
        '        self.parts.append(bytes(b))',
        '        return len(b)',
        'p = Parts()',
        'assert m.Greet(p, "bo") == 11 and p.parts == [b"hello, ", b"bo!\\n"]',
        # io.Reader: a file's read(n); the end of the file is io.EOF for Go
        'assert m.Upper(io.BytesIO(b"hello world")) == "HELLO WORLD"',
        'assert m.CountBytes(io.BytesIO(b"x" * 100000)) == 100000',
        # Go values implementing them pass as themselves
        'b = m.NewBuffer("abc")',
        'assert m.Greet(b, "z") == 10 and m.Upper(b) == "ABCHELLO, Z!\\n"',
        'assert m.io.Writer is not None and m.io.Reader is not None',
        # an exception raised by read() or write() comes back as itself
        'class Broken(object):',
        '    def read(self, n):',
        '        raise ValueError("disk on fire")',
        '    def write(self, b):',
        '        raise KeyError("full")',
        raises('ValueError', 'm.Upper(Broken())', 'disk on fire'),
        raises('KeyError', 'm.Greet(Broken(), "x")', 'full'),
        raises('TypeError', 'm.Upper(5)', "must implement Reader: 'int' object has no method Read()"),
    ]))


def test_types_any_number_of_steps_away_are_bound(surface):
    surface('crosspkg', '\n'.join([
        'import crosspkg as m',
        't = m.Commute()',
        # route.Trip is in the API; Leg, Stop, Point and Kilometres are 1 to 3 steps further away
        'assert type(t) is m.route.Trip and t.Name == "commute" and len(t.Legs) == 2',
        'leg = t.Legs[1]',
        'assert type(leg) is m.route.Leg and type(leg.From) is m.route.Stop and leg.To.Name == "work"',
        'p = leg.To.Pos',
        'assert type(p) is m.route.Point and (p.X, p.Y) == (3.0, 10.0) and str(p) == "(3, 10)"',
        'd = t.Legs[0].From.Distance(t.Legs[0].To)',
        'assert type(d) is m.route.Kilometres and d == 5.0 and str(d) == "5.0 km"',
        # views write through to the Go value, and new values go back in
        'leg.To.Pos.Y = 8',
        'assert t.Legs[1].To.Pos.Y == 8.0 and leg.From.Distance(leg.To) == 4.0',
        'leg.To = m.route.Stop(Name="park", Pos=m.route.Point(X=6, Y=8))',
        'assert str(t.Legs[1].To.Pos) == "(6, 8)" and t.Legs[0].From.Distance(t.Legs[1].To) == 10.0',
        'from crosspkg.route import Point',
        'assert Point is m.route.Point and Point.__module__ == "crosspkg.route"',
        raises('TypeError', 'leg.From.Distance(p)', "Distance() argument 'to' must be route.Stop"),
    ]))


def test_a_package_bound_as_a_submodule(surface):
    surface('crosspkg', '\n'.join([
        'import crosspkg as m',
        'from crosspkg import money',
        'assert money is m.money and money.__doc__ == "Package money counts amounts of cents."',
        'assert money.Currency == "EUR"',
        'w = money.NewWallet("ann")',
        'assert type(w) is money.Wallet and w.Owner == "ann" and len(w.Items) == 0',
        'w.Add(money.Cents(250))',
        'w.Add(m.Price("coffee"))',
        # values cross between the extension's functions and the submodule's in both directions
        'assert m.Total(w) == 350 and str(m.Total(w)) == "3.50" and type(m.Total(w)) is money.Amount',
        'assert type(m.Price("tea")) is money.Amount and w.Sum() == m.Total(w)',
        'assert money.Wallet(Owner="bo").Owner == "bo"',
        raises('TypeError', 'money.Cents("x")', "Cents() argument 'n' must be int"),
        'assert "Cents(n: int) -> money.Amount" in money.Cents.__doc__',
        # a package variable of the submodule: a live attribute of that module
        'assert money.Fee == 25 and type(money.Fee) is money.Amount and money.Pay(100) == 125',
        'money.Fee = 40',
        'assert money.Pay(100) == 140 and "Fee" in dir(money)',
        raises('TypeError', 'setattr(money, "Fee", "x")', "must be int"),
        raises('TypeError', 'delattr(money, "Fee")', "Fee"),
    ]))
