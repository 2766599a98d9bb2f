module example.com/abi3

go 1.23
