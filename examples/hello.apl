⍝ A tour of apl: run with   apl examples/hello.apl
⍳10
+/⍳100
2 3⍴⍳6
m←3 3⍴3 1 4 1 5 9 2 6 5
m+.×m                       ⍝ matrix product
(+/,×⍨m)*0.5                ⍝ Frobenius norm
(+/÷≢) 2 4 4 4 5 5 7 9      ⍝ mean, a train
∘.×⍨⍳5                      ⍝ multiplication table
(2=+⌿0=∘.|⍨⍳30)/⍳30         ⍝ primes
fib←{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}
fib¨⍳10
'Hello, APL'
