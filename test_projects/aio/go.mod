module example.com/aio

go 1.21
