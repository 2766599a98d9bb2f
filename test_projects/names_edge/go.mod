module example.com/names_edge

go 1.21
