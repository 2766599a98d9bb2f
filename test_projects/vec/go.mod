module example.com/vec

go 1.21
