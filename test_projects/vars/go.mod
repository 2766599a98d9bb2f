module example.com/vars

go 1.21
