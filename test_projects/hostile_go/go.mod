module example.com/hostilego

go 1.21
