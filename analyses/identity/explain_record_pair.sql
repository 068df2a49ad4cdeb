{#- Why do two records belong to one customer? The shortest path of active edges between
    them, one row per step with the evidence. Set the records below (or pass vars), then
    `dbt compile --select explain_record_pair` and run the compiled SQL, or use
    `dbt run-operation explain_identity_link --args '{...}'` for a printed answer. -#}

{{ identity_explain_path_sql(
    var('explain_source_name_a', 'shop_customers'),
    var('explain_record_id_a', '0'),
    var('explain_source_name_b', 'crm_contacts'),
    var('explain_record_id_b', '0')
) }}
