module example.com/funcvals

go 1.21
