// Command kstatus prints how sigs.k8s.io/cli-utils' kstatus library — what Flux's health checks,
// kpt and Helm 4's --wait use — reads Kubernetes objects: for each object in the JSON on stdin (one
// object or a List, e.g. `kubectl get lp -o json`), one line of JSON
// {"name": ..., "status": "InProgress|Current|Failed|Terminating|...", "message": ...}.
// Built by the ITs (KstatusIT) with the machine's Go.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

type line struct {
	Name    string `json:"name"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var obj unstructured.Unstructured
	if err := obj.UnmarshalJSON(in); err != nil {
		fail(err)
	}
	items := []unstructured.Unstructured{obj}
	if obj.IsList() {
		list, err := obj.ToList()
		if err != nil {
			fail(err)
		}
		items = list.Items
	}
	out := json.NewEncoder(os.Stdout)
	for i := range items {
		res, err := status.Compute(&items[i])
		if err != nil {
			fail(err)
		}
		if err := out.Encode(line{Name: items[i].GetName(), Status: res.Status.String(), Message: res.Message}); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kstatus:", err)
	os.Exit(1)
}
