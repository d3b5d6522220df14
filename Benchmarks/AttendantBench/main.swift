import CAllocationCounter

let before = attendant_allocation_count()
var array = [Int]()
array.append(1)
print("allocations:", attendant_allocation_count() - before)
