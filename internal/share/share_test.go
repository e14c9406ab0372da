package share

import (
	"slices"
	"sync"
	"testing"
)

func TestAppendKeepsCopiesIndependent(t *testing.T) {
	var base List[int]
	for i := range 5 {
		base = base.Append(i)
	}
	a := base.Append(100) // claims slot 5 in place
	b := base.Append(200) // must not overwrite a's slot 5
	c := a.Append(300)
	tests := []struct {
		name string
		l    List[int]
		want []int
	}{
		{"the list appended to is unchanged", base, []int{0, 1, 2, 3, 4}},
		{"the first successor keeps its item", a, []int{0, 1, 2, 3, 4, 100}},
		{"a second successor of the same list has its own", b, []int{0, 1, 2, 3, 4, 200}},
		{"a successor of a successor", c, []int{0, 1, 2, 3, 4, 100, 300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Items(); !slices.Equal(got, tt.want) {
				t.Errorf("Items() = %v, want %v", got, tt.want)
			}
			if tt.l.Len() != len(tt.want) {
				t.Errorf("Len() = %d, want %d", tt.l.Len(), len(tt.want))
			}
		})
	}
}

func TestAppendIsAmortisedConstant(t *testing.T) {
	var l List[int]
	allocs := testing.AllocsPerRun(1, func() {
		l = List[int]{}
		for i := range 1 << 16 {
			l = l.Append(i)
		}
	})
	// Doubling from 4 to 65536 items: 15 arrays and their headers.
	if allocs > 40 {
		t.Errorf("65536 appends made %v allocations, want about 30 (doubling)", allocs)
	}
	for i, x := range l.Items() {
		if x != i {
			t.Fatalf("item %d = %d", i, x)
		}
	}
}

func TestItemsCannotBeAppendedToInPlace(t *testing.T) {
	l := Of(1, 2, 3).Append(4)
	items := l.Items()
	_ = append(items, 99)
	if got := l.Append(5).Items(); !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Errorf("after an append to Items(), Append gives %v", got)
	}
}

func TestOfCopies(t *testing.T) {
	src := []int{1, 2}
	l := Of(src...)
	src[0] = 9
	if got := l.Items(); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("Of kept the caller's array: %v", got)
	}
	if Of[int]().Len() != 0 || Of[int]().Items() != nil {
		t.Error("Of() is not empty")
	}
}

func TestConcurrentAppendsToOneList(t *testing.T) {
	base := Of(0, 1, 2)
	base = base.Append(3) // room for more in place
	const n = 8
	got := make([]List[int], n)
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := base
			for k := range 100 {
				l = l.Append(g*1000 + k)
			}
			got[g] = l
		}()
	}
	wg.Wait()
	for g, l := range got {
		want := []int{0, 1, 2, 3}
		for k := range 100 {
			want = append(want, g*1000+k)
		}
		if !slices.Equal(l.Items(), want) {
			t.Errorf("goroutine %d: items differ from its own appends", g)
		}
	}
}
