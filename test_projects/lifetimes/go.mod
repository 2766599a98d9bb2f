module example.com/lifetimes

go 1.21
