module github.com/me/hello

go 1.21
