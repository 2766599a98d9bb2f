module example.com/iters

go 1.23
