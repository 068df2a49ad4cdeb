with

source as (

    select * from {{ source('pos', 'transactions') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as transaction_id,
        cast(nullif(trim(store_id), '') as varchar) as store_id,
        {{ normalize_card_number('card_number') }} as loyalty_card_number,

        ---------- strings
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(payment_method), '')) as payment_method,

        ---------- numerics
        cast(total_amount as decimal(12, 2)) as total_amount,
        cast(item_count as integer) as item_count,
        cast(points_earned as integer) as points_earned,

        ---------- timestamps
        cast(transacted_at as timestamp) as transacted_at

    from source

)

select * from renamed
