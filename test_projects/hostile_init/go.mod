module example.com/hostileinit

go 1.21
